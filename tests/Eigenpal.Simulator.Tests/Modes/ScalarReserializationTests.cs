using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;

namespace Eigenpal.Simulator.Tests.Modes;

/// <summary><c>triggerInput</c> values byte for byte, or re-serialised as a JavaScript server would.</summary>
public sealed class ScalarReserializationTests
{
    private const string Input = """{"input":{"text":"t","amount":1.50,"count":2.0,"big":1e3,"nested":{"a":1,"b":2.50},"list":[1.0,"x",null],"gone":null}}""";

    private static async Task<string> EchoedRawAsync(bool reserialize)
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            o.Modes.ReserializeScalars = reserialize;
        });
        using var api = new Api(host);
        var (response, _) = await api.PostJsonAsync($"{Api.Base}/classify-text/run", Input);
        Assert.Equal(201, (int)response.StatusCode);
        using var list = await api.ListDocumentAsync("classify-text");
        return Assert.Single(list.RootElement.GetProperty("data").EnumerateArray()).GetProperty("triggerInput").GetRawText();
    }

    [Fact]
    public async Task By_default_values_are_echoed_as_sent()
    {
        Assert.Equal(
            """{"text":"t","amount":1.50,"count":2.0,"big":1e3,"nested":{"a":1,"b":2.50},"list":[1.0,"x",null],"gone":null}""",
            await EchoedRawAsync(reserialize: false));
    }

    [Fact]
    public async Task Reserialized_values_have_shortest_numbers_reordered_keys_and_no_null_inputs()
    {
        Assert.Equal(
            """{"list":[1,"x",null],"nested":{"b":2.5,"a":1},"big":1000,"count":2,"amount":1.5,"text":"t"}""",
            await EchoedRawAsync(reserialize: true));
    }

    // Expected values are what Node prints for JSON.stringify(JSON.parse(sent)).
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("2.0", "2")]
    [InlineData("1e3", "1000")]
    [InlineData("-0.0", "0")]
    [InlineData("0.1", "0.1")]
    [InlineData("-12.340", "-12.34")]
    [InlineData("1.23e-5", "0.0000123")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e21", "1e+21")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("123.456e2", "12345.6")]
    public void Numbers_take_the_form_javascript_prints(string sent, string echoed) =>
        Assert.Equal(echoed, JavaScriptNumber.Reserialize(sent));
}

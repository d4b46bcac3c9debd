using System.Net;
using System.Text;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.Modes;

/// <summary>Modes read and replaced through <c>/_sim/modes</c> and <see cref="SimulatorHost"/>, validated all together.</summary>
public sealed class ModeAdminTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    // The v1 surface's modes, covered by V1/V1ModeValidationTests.
    private static readonly string[] V1ModeKeys =
        ["fileReferences", "metadataEcho", "rerunChain", "sourceFilter", "surfaces", "uploadIdempotency", "uploadTransport", "uploadUrlLifetimeSeconds", "v1MaxPageSize", "v1Prefix", "v1ShortPageRate", "waitTimeoutBody",
            "webhookDelayMs", "webhookLossRate", "webhookReorderRate", "webhookRepeatRate"];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Modes_round_trip_through_the_admin_endpoint_and_a_put_replaces_them_all()
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            o.Modes.ClockOffsetSeconds = 5;
        });
        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        var initial = await BodyAsync(await admin.GetAsync("_sim/modes"));
        Assert.Equal(
            ["clockOffsetSeconds", "emptyPagesFromOffset", "fileEcho", "listOrder", "listVisibilityDelayMs", "lookAlikeRate", "lookAlikeSameSize", "maxPageSize", "reserializeScalars"],
            Keys(initial).Except(V1ModeKeys));
        Assert.Equal("Full", initial["fileEcho"]!.GetValue<string>());
        Assert.Equal("NewestFirst", initial["listOrder"]!.GetValue<string>());
        Assert.Equal(100, initial["maxPageSize"]!.GetValue<int>());
        Assert.Equal(5, initial["clockOffsetSeconds"]!.GetValue<double>());

        var put = await admin.PutAsync("_sim/modes", Json("""{"fileEcho":"NameOnly","listOrder":"oldestFirst","maxPageSize":10,"lookAlikeRate":0.5}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var answered = await BodyAsync(put);
        Assert.Equal("NameOnly", answered["fileEcho"]!.GetValue<string>());
        Assert.Equal("OldestFirst", answered["listOrder"]!.GetValue<string>());

        var modes = host.Modes;
        Assert.Equal(FileEchoMode.NameOnly, modes.FileEcho);
        Assert.Equal(ListOrderMode.OldestFirst, modes.ListOrder);
        Assert.Equal(10, modes.MaxPageSize);
        Assert.Equal(0.5, modes.LookAlikeRate);
        Assert.Equal(0, modes.ClockOffsetSeconds); // left out of the body, so back to its default
        Assert.Equal((await BodyAsync(await admin.GetAsync("_sim/modes"))).ToJsonString(), answered.ToJsonString());
    }

    [Fact]
    public async Task An_invalid_put_is_a_400_with_every_problem_and_changes_nothing()
    {
        using var admin = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        var before = fixture.Host.Modes;

        var invalid = await admin.PutAsync("_sim/modes", Json("""{"maxPageSize":0,"lookAlikeRate":2,"listVisibilityDelayMs":-1,"emptyPagesFromOffset":-3,"clockOffsetSeconds":1e12}"""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var issues = (await BodyAsync(invalid))["issues"]!.AsArray().Select(i => i!["message"]!.GetValue<string>()).ToList();
        Assert.Equal(5, issues.Count);
        foreach (var name in new[] { "MaxPageSize", "LookAlikeRate", "ListVisibilityDelayMs", "EmptyPagesFromOffset", "ClockOffsetSeconds" })
        {
            Assert.Contains(issues, m => m.Contains(name, StringComparison.Ordinal));
        }

        var unknownName = await admin.PutAsync("_sim/modes", Json("""{"fileEcho":"Hash"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknownName.StatusCode);
        var outOfRange = await admin.PutAsync("_sim/modes", Json("""{"listOrder":7}"""));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);

        Assert.Equal(before.MaxPageSize, fixture.Host.Modes.MaxPageSize);
        Assert.Equal(before.FileEcho, fixture.Host.Modes.FileEcho);
    }

    [Fact]
    public void Set_modes_refuses_invalid_modes_with_every_problem_in_the_message()
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.Host.SetModes(new ModeOptions { MaxPageSize = 0, LookAlikeRate = -1 }));
        Assert.Contains("MaxPageSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("LookAlikeRate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_of_the_modes_changes_nothing_until_it_is_set()
    {
        var copy = fixture.Host.Modes;
        copy.MaxPageSize = 7;
        Assert.Equal(ModeOptions.DefaultMaxPageSize, fixture.Host.Modes.MaxPageSize);
    }

    [Fact]
    public async Task Invalid_modes_fail_the_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o => { o.Modes.MaxPageSize = 0; o.Modes.ListVisibilityDelayMs = -5; }));
        Assert.Contains("Simulator:Modes:MaxPageSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simulator:Modes:ListVisibilityDelayMs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modes_bind_from_the_Simulator_Modes_section_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:Modes:FileEcho"] = "NameOnly",
            ["Simulator:Modes:ReserializeScalars"] = "true",
            ["Simulator:Modes:ListOrder"] = "OldestFirst",
            ["Simulator:Modes:MaxPageSize"] = "25",
            ["Simulator:Modes:ClockOffsetSeconds"] = "-120.5",
        }).Build();
        var options = new SimulatorOptions();
        configuration.GetSection(SimulatorOptions.SectionName).Bind(options);

        Assert.Equal(FileEchoMode.NameOnly, options.Modes.FileEcho);
        Assert.True(options.Modes.ReserializeScalars);
        Assert.Equal(ListOrderMode.OldestFirst, options.Modes.ListOrder);
        Assert.Equal(25, options.Modes.MaxPageSize);
        Assert.Equal(-120.5, options.Modes.ClockOffsetSeconds);
    }
}

using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>How <c>expand=input</c> shows the metadata a run was started with, per <see cref="MetadataEchoMode"/>.</summary>
public sealed class MetadataEchoTests
{
    private const string Metadata = """{"submission":"s-1","attempt":2,"price":1.50,"ok":true,"tags":["a"],"none":null}""";

    [Fact]
    public async Task Echoed_metadata_is_byte_for_byte_what_was_sent()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("echo", Metadata);
        var raw = await api.Http.GetStringAsync($"v1/runs/{id}?expand=input");
        Assert.Contains($"\"metadata\":{Metadata}", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StringsOnly_turns_every_top_level_value_into_its_json_text()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.MetadataEcho = MetadataEchoMode.StringsOnly);
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("echo", Metadata);
        var metadata = (await api.RunAsync(id, "input"))["input"]!["metadata"]!.AsObject();
        Assert.Equal(
            ["s-1", "2", "1.50", "true", "[\"a\"]", "null"],
            metadata.Select(p => p.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task Dropped_metadata_is_accepted_but_never_shown_and_the_mode_applies_to_existing_runs()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("dropped", Metadata);
        var modes = host.Modes;
        modes.MetadataEcho = MetadataEchoMode.Dropped;
        host.SetModes(modes);
        var run = await api.RunAsync(id, "input");
        Assert.False(run["input"]!.AsObject().ContainsKey("metadata"));
        Assert.Equal("dropped", run["input"]!["args"]!["text"]!.GetValue<string>());
    }
}

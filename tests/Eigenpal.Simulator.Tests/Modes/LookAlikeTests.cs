using System.Globalization;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.Modes;

/// <summary>
/// Another client's runs that look like ours (same name, other bytes), created in the same time
/// window, and kept out of the counters that prove a client never duplicates.
/// </summary>
public sealed class LookAlikeTests
{
    private static readonly byte[] Invoice = "Invoice No: LA-1\nTotal: 40.25 EUR\n"u8.ToArray();

    private static Task<SimulatorHost> StartAsync(FakeTimeProvider clock, bool sameSize, double rate = 1) =>
        SimulatorHost.StartAsync(
            o =>
            {
                FastSimulatorFixture.Configure(o);
                o.Modes.LookAlikeRate = rate;
                o.Modes.LookAlikeSameSize = sameSize;
            },
            clock);

    private static async Task<JsonArray> ListedAsync(Api api)
    {
        var (_, page) = await api.GetAsync($"{Base}/extract-invoice/executions?limit=100");
        return page["data"]!.AsArray();
    }

    private static async Task<(JsonNode Original, JsonNode LookAlike)> RunAndAwaitLookAlikeAsync(SimulatorHost host, Api api, FakeTimeProvider clock)
    {
        var id = await api.RunFileAsync(Invoice, "same-name.txt", """{"input":{"note":"n"}}""");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.Until(() => Task.FromResult(host.GetCounters().LookAlikesCreated), n => n == 1, what: "the look-alike is created");
        var items = await ListedAsync(api);
        Assert.Equal(2, items.Count);
        return (items.Single(i => i!["id"]!.GetValue<string>() == id)!, items.Single(i => i!["id"]!.GetValue<string>() != id)!);
    }

    private static DateTimeOffset CreatedAt(JsonNode item) =>
        DateTimeOffset.Parse(item["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_look_alike_has_the_same_name_and_values_other_bytes_and_lands_in_the_same_window()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock, sameSize: false);
        using var api = new Api(host);

        var (original, lookAlike) = await RunAndAwaitLookAlikeAsync(host, api, clock);

        var mine = original["triggerInput"]!;
        var theirs = lookAlike["triggerInput"]!;
        Assert.Equal("n", theirs["note"]!.GetValue<string>());
        Assert.Equal(original["workflowId"]!.GetValue<string>(), lookAlike["workflowId"]!.GetValue<string>());
        Assert.Equal(original["triggerType"]!.GetValue<string>(), lookAlike["triggerType"]!.GetValue<string>());
        Assert.Equal("same-name.txt", theirs["contract_document"]!["fileName"]!.GetValue<string>());
        Assert.NotEqual(mine["contract_document"]!["sha256"]!.GetValue<string>(), theirs["contract_document"]!["sha256"]!.GetValue<string>());
        var grownBy = theirs["contract_document"]!["sizeBytes"]!.GetValue<long>() - Invoice.Length;
        Assert.InRange(grownBy, 1, 16);
        Assert.InRange(CreatedAt(lookAlike) - CreatedAt(original), TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_same_size_look_alike_differs_only_in_its_bytes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock, sameSize: true);
        using var api = new Api(host);

        var (original, lookAlike) = await RunAndAwaitLookAlikeAsync(host, api, clock);

        var mine = original["triggerInput"]!["contract_document"]!;
        var theirs = lookAlike["triggerInput"]!["contract_document"]!;
        Assert.Equal(mine["fileName"]!.GetValue<string>(), theirs["fileName"]!.GetValue<string>());
        Assert.Equal(mine["sizeBytes"]!.GetValue<long>(), theirs["sizeBytes"]!.GetValue<long>());
        Assert.NotEqual(mine["sha256"]!.GetValue<string>(), theirs["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Look_alikes_are_counted_apart_and_never_as_client_executions_or_duplicates()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock, sameSize: true);
        using var api = new Api(host);

        await api.RunFileAsync(Invoice, "a.txt");
        await api.RunFileAsync(Invoice, "a.txt"); // the client itself sends the same input twice
        await api.RunTextAsync("text runs have no file to imitate");
        Assert.Equal(0, host.GetCounters().LookAlikesCreated);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.Until(() => Task.FromResult(host.GetCounters().LookAlikesCreated), n => n == 2, what: "both look-alikes are created");

        var counters = host.GetCounters();
        Assert.Equal(3, counters.ExecutionsCreated);
        Assert.Equal(1, counters.DuplicateInputExecutions);
        Assert.Equal(5, counters.ExecutionsInMemory);
        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        Assert.Equal(2, (await BodyAsync(await admin.GetAsync("_sim/counters")))["lookAlikesCreated"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_reset_drops_look_alikes_not_yet_created()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock, sameSize: false);
        using var api = new Api(host);
        for (var i = 0; i < 3; i++)
        {
            await api.RunFileAsync([.. Invoice, (byte)'0', (byte)('0' + i)], "r.txt");
        }

        // Only a drawn delay of exactly 0 ms creates a look-alike before the clock moves.
        Assert.True(host.GetCounters().LookAlikesCreated < 3, "some look-alike should still be waiting");
        host.Reset();
        clock.Advance(TimeSpan.FromSeconds(1));

        await api.RunFileAsync(Invoice, "after-reset.txt");
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.Until(() => Task.FromResult(host.GetCounters().LookAlikesCreated), n => n == 1, what: "the new run's look-alike is created");
        Assert.Equal(1, host.GetCounters().ExecutionsCreated);
        Assert.Equal(2, host.GetCounters().ExecutionsInMemory);
    }
}

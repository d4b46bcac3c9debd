using System.Globalization;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.Modes;

/// <summary>An API whose clock runs ahead of (or behind) the client's: timestamps, Date header and date filters.</summary>
public sealed class ClockOffsetTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    private static Task<SimulatorHost> StartAsync(FakeTimeProvider clock, double offsetSeconds) =>
        SimulatorHost.StartAsync(
            o =>
            {
                FastSimulatorFixture.Configure(o);
                o.Modes.ClockOffsetSeconds = offsetSeconds;
            },
            clock);

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    private static string DateHeader(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Date"));

    [Fact]
    public async Task Without_offset_the_Date_header_follows_the_simulators_clock_not_the_machines()
    {
        await using var host = await StartAsync(new FakeTimeProvider(Start), 0);
        using var api = new Api(host);
        var (response, _) = await api.GetAsync(Base);
        Assert.Equal(Start.ToString("R", CultureInfo.InvariantCulture), DateHeader(response));
    }

    [Fact]
    public async Task An_api_clock_ahead_shows_in_createdAt_the_Date_header_and_the_date_filters()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock, 3600);
        using var api = new Api(host);
        var apiNow = Start.AddHours(1);

        var (run, body) = await api.PostJsonAsync($"{Base}/classify-text/run", """{"input":{"text":"skewed"}}""");
        Assert.Equal(apiNow.ToString("R", CultureInfo.InvariantCulture), DateHeader(run));
        var id = body["executionId"]!.GetValue<string>();
        Assert.Equal("2026-03-03T11:00:00.000Z", (await api.ExecutionAsync(id))["createdAt"]!.GetValue<string>());
        Assert.Equal("2026-03-03T11:00:00.000Z", (await api.ListedAsync("classify-text", id))["createdAt"]!.GetValue<string>());

        // Bounds are read on the API's clock: the client's "now" is an hour in the API's past.
        var (_, fromClientNow) = await api.GetAsync($"{Base}/classify-text/executions?fromDate={Iso(Start.AddMinutes(30))}");
        Assert.Equal(1, fromClientNow["total"]!.GetValue<int>());
        var (_, toClientNow) = await api.GetAsync($"{Base}/classify-text/executions?toDate={Iso(Start.AddMinutes(30))}");
        Assert.Equal(0, toClientNow["total"]!.GetValue<int>());
        var (_, relative) = await api.GetAsync($"{Base}/classify-text/executions?fromDate=now()-1m");
        Assert.Equal(1, relative["total"]!.GetValue<int>());

        clock.Advance(TimeSpan.FromSeconds(30));
        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        var health = await admin.GetAsync("_sim/health");
        Assert.Equal(apiNow.AddSeconds(30).ToString("R", CultureInfo.InvariantCulture), DateHeader(health));
    }

    [Fact]
    public async Task An_api_clock_behind_reports_earlier_times_and_its_relative_now_excludes_the_clients_now()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock, -90);
        using var api = new Api(host);

        var id = await api.RunTextAsync("behind");
        clock.Advance(TimeSpan.FromSeconds(60)); // classify-text takes 20 ms here

        var done = await api.ExecutionAsync(id);
        Assert.Equal("2026-03-03T09:58:30.000Z", done["createdAt"]!.GetValue<string>());
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        var (_, fromClientNow) = await api.GetAsync($"{Base}/classify-text/executions?fromDate={Iso(Start)}");
        Assert.Equal(0, fromClientNow["total"]!.GetValue<int>());
        var (response, lastMinutes) = await api.GetAsync($"{Base}/classify-text/executions?fromDate=now()-2m&toDate=now()");
        Assert.Equal(1, lastMinutes["total"]!.GetValue<int>());
        Assert.Equal(Start.AddSeconds(-30).ToString("R", CultureInfo.InvariantCulture), DateHeader(response));
    }
}

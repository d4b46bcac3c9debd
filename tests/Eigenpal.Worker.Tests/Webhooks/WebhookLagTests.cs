using System.Globalization;
using Eigenpal.Simulator.Options;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;
using SimulatorWebhooks = Eigenpal.Simulator.V1.Webhooks.WebhookOptions;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// Issue 8, proof: "with webhooks on, a batch's detection lag is measured and reported beside the lag
/// with polling alone". The same batch runs twice against the same slow poll schedule, once with the
/// simulator delivering signed events to the worker; lag is remote <c>completedAt</c> → row terminal.
/// CI runs 20 runs with a 5 s poll period (seconds); <c>EIGENPAL_WEBHOOK_LAG_RUNS</c>,
/// <c>EIGENPAL_WEBHOOK_LAG_POLL_SECONDS</c> and <c>EIGENPAL_WEBHOOK_LAG_REPORT</c> (a file for the
/// markdown figures) give the longer measurement of bench/RESULTS.md.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class WebhookLagTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Webhooks_cut_a_batch_detection_lag_from_the_poll_period_to_the_delivery_time()
    {
        var runs = Setting("EIGENPAL_WEBHOOK_LAG_RUNS", 20);
        var period = TimeSpan.FromSeconds(Setting("EIGENPAL_WEBHOOK_LAG_POLL_SECONDS", 5));

        var polling = await MeasureAsync(runs, period, webhooks: false);
        var hinted = await MeasureAsync(runs, period, webhooks: true);

        var report = string.Join('\n',
            $"| {runs} runs of 1–3 s, poll period {period.TotalSeconds:0} s | lag p50 | p95 | max | status calls per run |",
            "|---|---|---|---|---|",
            polling.Row("Polling alone"),
            hinted.Row("Webhooks on (hints) + the same polling"));
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("EIGENPAL_WEBHOOK_LAG_REPORT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, report + "\n");
        }

        Assert.True(hinted.P50 < polling.P50 / 2, $"webhooks should at least halve the median lag:\n{report}");
        Assert.True(hinted.P95 < period, $"with webhooks, 95 % of the runs should be seen within one poll period:\n{report}");
    }

    private async Task<Lag> MeasureAsync(int runs, TimeSpan period, bool webhooks)
    {
        await using var worker = await WebhookWorker.StartAsync(
            postgres, DurationOptions.Uniform(1000, 3000),
            s =>
            {
                var p = period.ToString("c", CultureInfo.InvariantCulture);
                s.Settings["Eigenpal__Polling__MinInterval"] = p;
                s.Settings["Eigenpal__Polling__MaxInterval"] = p;
            },
            webhooks,
            (o, endpoint, secret) =>
            {
                if (webhooks)
                {
                    o.Webhooks = new SimulatorWebhooks { Url = endpoint.ToString(), Secret = secret };
                }
            });
        await worker.Scenario.Database.Intake.RecordBatchAsync("lag", Enumerable.Range(0, runs).Select(i => SampleSubmissions.Invoice(i, "lag")).ToList());
        await worker.Scenario.WaitForAllFinalAsync(runs, period * 4 + TimeSpan.FromSeconds(30 + runs / 10));

        var lags = (await worker.Scenario.Database.ColumnAsync<double>("""
            SELECT extract(epoch FROM c.changed_at - e.completed_at)::float8
            FROM eigenpal.executions e JOIN eigenpal.status_changes c ON c.execution_id = e.id AND c.to_status = e.status
            WHERE e.status = 'completed'
            """)).Order().ToList();
        Assert.Equal(runs, lags.Count);
        var counters = worker.Scenario.Simulator.GetCounters();
        var calls = counters.RequestsTo("runs.get") + counters.RequestsTo("runs.list");
        return new Lag(Percentile(lags, 0.5), Percentile(lags, 0.95), TimeSpan.FromSeconds(lags[^1]), (double)calls / runs);
    }

    private static TimeSpan Percentile(List<double> sorted, double p) =>
        TimeSpan.FromSeconds(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private sealed record Lag(TimeSpan P50, TimeSpan P95, TimeSpan Max, double CallsPerRun)
    {
        public string Row(string what) => FormattableString.Invariant(
            $"| {what} | {P50.TotalSeconds:0.00} s | {P95.TotalSeconds:0.00} s | {Max.TotalSeconds:0.00} s | {CallsPerRun:0.00} |");
    }
}

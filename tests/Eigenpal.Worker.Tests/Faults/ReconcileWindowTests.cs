using System.Globalization;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// DESIGN.md, "Reconciling a lost run": the window a lost run is searched in is bounded by when the
/// request left, its deadline and the measured offset of the API's clock. Once a worker has had
/// answers from the API, its attempts' windows must be that narrow, not the ±UnmeasuredClockSkew
/// (2 min) that stands in before any Date header was seen: a wide window is listed at a cost that
/// grows with the batch, and overlaps every other unresolved attempt sent within minutes.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ReconcileWindowTests(PostgresServer postgres)
{
    [Fact]
    public async Task Attempts_sent_after_the_worker_has_heard_from_the_API_search_a_window_bounded_by_the_measured_clock()
    {
        var timeout = TimeSpan.FromSeconds(5);
        var skew = TimeSpan.FromSeconds(10);
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Modes.ClockOffsetSeconds = 90);
        scenario.Settings["Eigenpal__Timeout"] = timeout.ToString("c", CultureInfo.InvariantCulture);
        scenario.Settings["Eigenpal__Sender__ReconcileClockSkew"] = skew.ToString("c", CultureInfo.InvariantCulture);
        scenario.StartWorker();

        // A first batch: the worker hears from the API (every answer carries a Date header).
        await scenario.Database.Intake.RecordBatchAsync("first", FaultScenario.Batch(20, "window-first"));
        await scenario.WaitForAllFinalAsync(20, TimeSpan.FromSeconds(60));
        var heardAt = await scenario.Database.ScalarAsync<DateTime>("SELECT now()");

        await scenario.Database.Intake.RecordBatchAsync("second", FaultScenario.Batch(40, "window-second"));
        await scenario.WaitForAllFinalAsync(60, TimeSpan.FromSeconds(60));

        // Request timeout + the margin on both sides + 5 s for the round trips the offset is measured over.
        var bound = timeout + skew + skew + TimeSpan.FromSeconds(5);
        var widths = await scenario.Database.ColumnAsync<double>(
            "SELECT EXTRACT(EPOCH FROM e.window_to - e.window_from)::float8 FROM eigenpal.executions e " +
            $"WHERE e.sent_at > '{heardAt:O}'::timestamptz ORDER BY 1");
        Assert.Equal(40, widths.Count);
        var wide = widths.Where(w => w > bound.TotalSeconds).ToList();
        Assert.True(wide.Count == 0,
            $"{wide.Count} of {widths.Count} attempts sent after the worker had heard from the API search a window wider than {bound.TotalSeconds:0} s " +
            $"(widths in s: {string.Join(", ", widths.Select(w => w.ToString("0", CultureInfo.InvariantCulture)))})");
    }
}

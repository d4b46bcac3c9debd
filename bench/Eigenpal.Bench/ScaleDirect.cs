using System.Diagnostics;
using System.Globalization;
using System.Text;
using Eigenpal.Insights;
using Eigenpal.Reprocessing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Eigenpal.Bench;

/// <summary>
/// The two known slow spots of the dashboard timed directly, before and after: totals per workflow and per
/// batch (a GROUP BY over the submissions against <see cref="SubmissionTotals"/>'s counters, with the seed's
/// deltas unfolded and folded) and the reprocessing preview (the dry run against <see cref="ReprocessRunner.PreviewAsync"/>).
/// </summary>
internal static class ScaleDirect
{
    public static async Task<string> RunAsync(string connectionString)
    {
        await using var services = Services(connectionString);
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var totals = services.GetRequiredService<SubmissionTotals>();
        var runner = services.GetRequiredService<ReprocessRunner>();
        var page = await LatestBatchesAsync(dataSource, 50);
        var report = new StringBuilder();
        void Line(string what, double ms, string note = "") =>
            report.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {ms:0.0} ms{(ms > 100 ? " **over 100 ms**" : "")} | {note} |");

        report.AppendLine("| Direct (median) | Time | Note |").AppendLine("|---|---|---|");
        Line("Before: `GROUP BY workflow, state` over eigenpal.submissions", await MedianAsync(5, () => ScalarAsync(dataSource, "SELECT count(*) FROM (SELECT workflow, state, count(*) FROM eigenpal.submissions GROUP BY 1, 2) t")));
        Line("Before: `GROUP BY batch_id, state` for a page of 50 batches", await MedianAsync(5, () => ScalarAsync(dataSource, "SELECT count(*) FROM (SELECT batch_id, state, count(*) FROM eigenpal.submissions WHERE batch_id = ANY(@ids) GROUP BY 1, 2) t", page)));
        var unfolded = await ScalarAsync(dataSource, "SELECT count(*) FROM eigenpal.submission_state_deltas");
        Line("SubmissionTotals.ByWorkflowAndStateAsync, deltas unfolded", await MedianAsync(20, () => totals.ByWorkflowAndStateAsync()), $"{unfolded:N0} unfolded delta rows (the seed's)");
        Line("SubmissionTotals.ByBatchAsync(50 batches), deltas unfolded", await MedianAsync(20, () => totals.ByBatchAsync(page)));
        var fold = Stopwatch.StartNew();
        var folded = await services.GetRequiredService<StateTotalsFold>().FoldAsync();
        Line("StateTotalsFold.FoldAsync (the seed's deltas)", fold.Elapsed.TotalMilliseconds, $"{folded:N0} delta rows folded");
        Line("SubmissionTotals.ByWorkflowAndStateAsync, folded", await MedianAsync(20, () => totals.ByWorkflowAndStateAsync()));
        Line("SubmissionTotals.ByBatchAsync(50 batches), folded", await MedianAsync(20, () => totals.ByBatchAsync(page)));
        var exact = await ScalarAsync(dataSource, """
            SELECT count(*) FROM (
                (SELECT workflow, state, count(*)::bigint FROM eigenpal.submissions GROUP BY 1, 2
                 EXCEPT SELECT workflow, state, count FROM eigenpal.submission_totals_workflow)
                UNION ALL
                (SELECT workflow, state, count FROM eigenpal.submission_totals_workflow
                 EXCEPT SELECT workflow, state, count(*)::bigint FROM eigenpal.submissions GROUP BY 1, 2)) differences
            """);
        report.AppendLine(CultureInfo.InvariantCulture, $"| Totals per workflow and state equal a GROUP BY | {(exact == 0 ? "yes" : $"**no: {exact} differences**")} | |");

        ReprocessReport? dry = null;
        Line("Before: reprocess dry run (`RunAsync` with DryRun)", await MedianAsync(3, async () => dry = await runner.RunAsync(new ReprocessRequest(ReprocessTrigger.Dashboard, new ReprocessSelection(), DryRun: true))),
            $"{dry?.Candidates:N0} candidates");
        ReprocessReport? preview = null;
        Line("After: `ReprocessRunner.PreviewAsync`", await MedianAsync(10, async () => preview = await runner.PreviewAsync(new ReprocessSelection())),
            Describe(preview!) == Describe(dry!) ? "same counts as the dry run: " + Describe(preview!) : $"**differs**: {Describe(preview!)} vs {Describe(dry!)}");
        return report.ToString();
    }

    private static string Describe(ReprocessReport report) =>
        $"qualified {report.Qualified}; " + string.Join(", ", report.Skipped.Where(s => s.Value > 0).Select(s => $"{s.Key.Name()} {s.Value}"));

    private static async Task<double> MedianAsync(int runs, Func<Task> action)
    {
        await action(); // warm: plans cached, pages in memory
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql, Guid[]? ids = null)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<Guid[]> LatestBatchesAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM eigenpal.batches ORDER BY created_at DESC LIMIT @count");
        command.Parameters.AddWithValue("count", count);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    // The reprocessing rules the seed's failures are judged by: one workflow refuses a category and an error
    // pattern (so the preview groups by error text there), another a category.
    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Eigenpal"] = connectionString,
            ["Eigenpal:Reprocess:Workflows:extract-invoice:NotRetryableCategories:0"] = "input",
            ["Eigenpal:Reprocess:Workflows:extract-invoice:NotRetryableErrorPattern"] = "password|schema validation",
            ["Eigenpal:Reprocess:Workflows:classify-text:MaxAttempts"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddEigenpalStore(configuration);
        services.AddEigenpalTracking(configuration);
        return services.BuildServiceProvider();
    }
}

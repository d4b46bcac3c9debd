using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>eigenpal submit against real Postgres, the simulator and a real worker process.</summary>
[Collection(PostgresTests.Name)]
public sealed class SubmitBatchTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eigenpal-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_batch_completes_with_exit_0_a_rerun_submits_nothing_new_and_results_match_the_store()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres, o => o.Workflows["extract-invoice"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Uniform(200, 800), FailureRate = 0, RejectionRate = 0,
        });
        var invoices = Path.Combine(_folder, "invoices");
        var samples = await CliRun.RunAsync(scenario.Settings, "samples", "--count", "8", "--out", invoices, "--seed", "3");
        Assert.Equal(ExitCodes.Success, samples.ExitCode);
        scenario.StartWorker();

        var submit = await CliRun.RunAsync(scenario.Settings, "submit", "--workflow", "extract-invoice", "--dir", invoices, "--batch", "march", "--wait");

        Assert.True(submit.ExitCode == ExitCodes.Success, submit.ToString());
        Assert.Contains("8 new, 0 already submitted", submit.Output);
        Assert.Contains("Batch summary", submit.Output);
        Assert.Equal(8, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'completed'"));

        var rerun = await CliRun.RunAsync(scenario.Settings, "submit", "--workflow", "extract-invoice", "--dir", invoices, "--json");
        Assert.Equal(ExitCodes.Success, rerun.ExitCode);
        Assert.Equal(0, (int)rerun.Json["new"]!);
        Assert.Equal(8, (int)rerun.Json["alreadySubmitted"]!);
        Assert.Equal(8, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));

        var jsonl = Path.Combine(_folder, "results.jsonl");
        var export = await CliRun.RunAsync(scenario.Settings, "results", "--batch", "march", "--out", jsonl);
        Assert.Equal(ExitCodes.Success, export.ExitCode);
        var lines = (await File.ReadAllLinesAsync(jsonl)).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.Equal(8, lines.Count);
        var stored = await scenario.Database.ColumnAsync<string>(
            "SELECT s.source_name || '|' || (e.result->>'invoiceNumber') FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id ORDER BY 1");
        Assert.Equal(stored, lines.Select(l => $"{l["source"]}|{l["result"]!["invoiceNumber"]}").Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal("completed", (string?)l["status"]));

        var csv = Path.Combine(_folder, "results.csv");
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(scenario.Settings, "results", "--batch", "march", "--out", csv)).ExitCode);
        var csvLines = await File.ReadAllLinesAsync(csv);
        Assert.Equal(string.Join(',', ResultsCommand.Columns), csvLines[0]);
        Assert.Equal(9, csvLines.Length);

        var status = await CliRun.RunAsync(scenario.Settings, "status", "--batch", "march");
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Matches(@"completed\s*│\s*8", status.Output);
        var list = await CliRun.RunAsync(scenario.Settings, "list", "--status", "completed", "--since", "1h", "--batch", "march");
        Assert.Contains("8 submission(s)", list.Output);
        var id = (await scenario.Database.ColumnAsync<Guid>("SELECT id FROM eigenpal.submissions LIMIT 1"))[0];
        var show = await CliRun.RunAsync(scenario.Settings, "show", id.ToString());
        Assert.Equal(ExitCodes.Success, show.ExitCode);
        Assert.Contains("Status history", show.Output);
        Assert.Contains("invoiceNumber", show.Output);
    }

    [Fact]
    public async Task With_failures_the_exit_code_and_json_counts_are_what_the_store_says()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var invoices = Path.Combine(_folder, "mixed");
        Directory.CreateDirectory(invoices);
        for (var i = 0; i < 20; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(invoices, $"invoice-{i:D2}.txt"), $"Invoice No: INV-F-{i:D5}\nTotal: {100 + i}.00 EUR\n");
        }

        scenario.StartWorker();
        var submit = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", invoices, "--pattern", "*.txt", "--wait", "--json");

        var counts = await scenario.Database.CountByStateAsync();
        Assert.Equal(20, counts.Where(c => SubmissionStates.IsFinal(c.Key)).Sum(c => c.Value));
        var expected = counts.GetValueOrDefault(SubmissionState.Completed.Name()) == 20 ? ExitCodes.Success : ExitCodes.NotAllCompleted;
        Assert.True(expected == submit.ExitCode, submit.ToString());
        Assert.Equal(expected, (int)submit.Json["exitCode"]!);
        foreach (var (state, count) in counts)
        {
            Assert.Equal(count, (long)submit.Json["counts"]![state]!);
        }
    }
}

using System.Text.RegularExpressions;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Files sent under an input name the workflow does not have: refused runs, and every view says which name to pass.</summary>
[Collection(PostgresTests.Name)]
public sealed partial class WrongInputFieldTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eigenpal-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"Input '(?<name>[^']+)' is required")]
    private static partial Regex RequiredInput();

    [Fact]
    public async Task Files_sent_as_an_undeclared_input_end_in_error_and_submit_status_and_show_name_the_input_field_to_pass()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        for (var i = 0; i < 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, $"invoice-{i}.txt"), $"Invoice No: INV-W-{i}");
        }

        scenario.StartWorker();

        var submit = await CliRun.RunAsync(scenario.Settings,
            "submit", "--workflow", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--input-field", "invoice_pdf", "--batch", "wrong", "--wait", "--timeout", "90s");

        Assert.True(submit.ExitCode == ExitCodes.NotAllCompleted, submit.ToString());
        Assert.Equal(3, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'error'"));
        var counters = scenario.Simulator.GetCounters();
        Assert.Equal(0, counters.ExecutionsCreated);
        Assert.Equal(3, counters.RequestsTo(EndpointNames.RunWorkflow));

        // The name the simulator asked for, read from its refusal: the hint must repeat it, whatever it is.
        var reason = (await scenario.Database.ColumnAsync<string>("SELECT state_reason FROM eigenpal.submissions LIMIT 1"))[0];
        var expected = RequiredInput().Match(reason).Groups["name"].Value;
        Assert.False(string.IsNullOrEmpty(expected), "unexpected refusal: " + reason);
        var hint = $"the workflow expects input '{expected}': pass --input-field {expected}";

        // The up-front check read the workflow's inputs and warned before recording anything.
        var warning = submit.Output.IndexOf($"declares the file input '{expected}', not 'invoice_pdf'", StringComparison.Ordinal);
        var recorded = submit.Output.IndexOf("3 new, 0 already submitted", StringComparison.Ordinal);
        Assert.True(warning >= 0 && warning < recorded, submit.ToString());
        Assert.Contains("Hint: " + hint, submit.Output, StringComparison.Ordinal);

        var status = await CliRun.RunAsync(scenario.Settings, "status", "--batch", "wrong");
        Assert.Equal(ExitCodes.Success, status.ExitCode);
        Assert.Contains($"pass --input-field {expected} for a file input", status.Output, StringComparison.Ordinal);

        var id = (await scenario.Database.ColumnAsync<Guid>("SELECT id FROM eigenpal.submissions LIMIT 1"))[0];
        var show = await CliRun.RunAsync(scenario.Settings, "show", id.ToString());
        Assert.Equal(ExitCodes.Success, show.ExitCode);
        Assert.Contains(hint, show.Output, StringComparison.Ordinal);

        var json = await CliRun.RunAsync(scenario.Settings,
            "submit", "--workflow", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--input-field", "invoice_pdf", "--json");
        Assert.Contains(json.Json["warnings"]!.AsArray(), w => ((string?)w)?.Contains($"declares the file input '{expected}'", StringComparison.Ordinal) == true);
    }
}

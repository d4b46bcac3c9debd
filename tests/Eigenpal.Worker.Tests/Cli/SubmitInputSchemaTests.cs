using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// <c>eigenpal submit</c> on the v1 API checks the batch against the automation's <c>inputSchema</c>
/// before recording, and takes the file input from it; the legacy surface is left as it was.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SubmitInputSchemaTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eigenpal-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A scenario on v1 whose <c>extract-invoice</c> declares <paramref name="inputs"/>, and never fails a run.</summary>
    private Task<WorkerScenario> StartAsync(params WorkflowInputOptions[] inputs) =>
        WorkerScenario.StartAsync(postgres, o =>
        {
            var behaviour = o.Workflows["extract-invoice"];
            behaviour.FailureRate = 0;
            behaviour.RejectionRate = 0;
            behaviour.Inputs = [.. inputs];
        }, surface: "v1");

    private static WorkflowInputOptions File(string name, bool required = true) => new() { Name = name, File = true, Required = required };

    private static WorkflowInputOptions Text(string name, bool required = false) => new() { Name = name, Required = required };

    private static List<string> Problems(CliRun run) =>
        [.. run.Json["problems"]!.AsArray().Select(p => $"{p!["where"]}|{p["field"]}|{p["message"]}")];

    private async Task WriteFilesAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await System.IO.File.WriteAllTextAsync(Path.Combine(_folder, name), "Invoice No: " + name);
        }
    }

    [Fact]
    public async Task Rows_the_schema_refuses_are_named_by_row_and_field_and_the_rest_is_recorded()
    {
        await using var scenario = await StartAsync(File("contract_document"), Text("reference"));
        await WriteFilesAsync("a.txt", "b.txt", "c.txt");
        var manifest = Path.Combine(_folder, "batch.jsonl");
        await System.IO.File.WriteAllLinesAsync(manifest, [
            """{"file": "a.txt", "name": "ok-1"}""",
            """{"file": "b.txt", "input.colour": "red"}""",
            """{"input.reference": "R-3"}""",
            """{"file": "b.txt", "input.reference": 42}""",
            """{"file": "b.txt", "input.reference": "R-5", "name": "ok-5"}""",
        ]);

        var run = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--manifest", manifest, "--json");

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Equal(2, (int)run.Json["new"]!);
        var problems = Problems(run);
        Assert.Equal(3, problems.Count);
        Assert.Equal("batch.jsonl line 2|input.colour|'colour' is not an input of the workflow 'extract-invoice' (its inputs: contract_document, reference)", problems[0]);
        Assert.StartsWith("batch.jsonl line 3|contract_document|the workflow 'extract-invoice' requires input 'contract_document', which is not given", problems[1]);
        Assert.Equal("batch.jsonl line 4|input.reference|'reference' has type integer, but the workflow's schema says string", problems[2]);
        Assert.Equal(["ok-1", "ok-5"], await scenario.Database.ColumnAsync<string>("SELECT source_name FROM eigenpal.submissions ORDER BY source_name"));

        // A CSV cell carries no JSON type: for a string input, 12345 is sent as the text typed.
        var csv = Path.Combine(_folder, "batch.csv");
        await System.IO.File.WriteAllLinesAsync(csv, ["file,input.reference,name", "c.txt,12345,csv-1"]);
        var fromCsv = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--manifest", csv, "--json");
        Assert.True(fromCsv.ExitCode == ExitCodes.Success, fromCsv.ToString());
        Assert.Equal("string", await scenario.Database.ScalarAsync<string>("SELECT jsonb_typeof(input->'reference') FROM eigenpal.submissions WHERE source_name = 'csv-1'"));

        // A shared --input the schema does not declare would fail every row: refused once, before anything is read.
        var shared = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--input", "colour=red", "--json");
        Assert.True(shared.ExitCode == ExitCodes.BadInput, shared.ToString());
        Assert.StartsWith("--input|colour|'colour' is not an input of the workflow 'extract-invoice'", Assert.Single(Problems(shared)));
        Assert.Equal(3, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));
    }

    [Fact]
    public async Task The_only_file_input_of_the_schema_is_used_without_input_field_and_the_runs_complete()
    {
        await using var scenario = await StartAsync(File("invoice"));
        await WriteFilesAsync("a.txt", "b.txt");
        scenario.StartWorker();

        var run = await CliRun.RunAsync(scenario.Settings,
            "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--batch", "schema", "--wait", "--timeout", "90s");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString() + "\n" + scenario.WorkerOutputTail());
        Assert.DoesNotContain("declares the file input", run.Output, StringComparison.Ordinal);
        Assert.Equal(["invoice", "invoice"], await scenario.Database.ColumnAsync<string>("SELECT input_name FROM eigenpal.submission_files"));
        Assert.Equal(2, scenario.Simulator.GetCounters().RequestsTo(V1EndpointNames.StartRun));

        // The legacy surface is unchanged: contract_document, with the YAML-based warning.
        scenario.Settings["Eigenpal__Api"] = "legacy";
        var legacy = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--force", "--json");
        Assert.True(legacy.ExitCode == ExitCodes.Success, legacy.ToString());
        Assert.Contains(legacy.Json["warnings"]!.AsArray(), w => ((string?)w)?.Contains("declares the file input 'invoice', not 'contract_document'", StringComparison.Ordinal) == true);
        Assert.Equal(2, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_files WHERE input_name = 'contract_document'"));
    }

    [Fact]
    public async Task Several_file_inputs_need_a_choice_and_an_undeclared_input_field_is_refused_before_recording()
    {
        await using var scenario = await StartAsync(File("invoice"), File("receipt", required: false));
        await WriteFilesAsync("a.txt", "b.txt");

        var none = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--json");
        Assert.True(none.ExitCode == ExitCodes.BadInput, none.ToString());
        Assert.Equal("--input-field||the workflow 'extract-invoice' declares the file inputs 'invoice', 'receipt': choose one with --input-field", Assert.Single(Problems(none)));

        var wrong = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--input-field", "invoice_pdf");
        Assert.True(wrong.ExitCode == ExitCodes.BadInput, wrong.ToString());
        Assert.Contains("--input-field 'invoice_pdf': the workflow 'extract-invoice' has no input of that name (its file inputs: 'invoice', 'receipt')", wrong.Output, StringComparison.Ordinal);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));

        // The optional file input chosen: each file lacks the required one, row by row.
        var optional = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--input-field", "receipt", "--json");
        Assert.True(optional.ExitCode == ExitCodes.BadInput, optional.ToString());
        Assert.Equal(["a.txt|invoice", "b.txt|invoice"], Problems(optional).Select(p => string.Join('|', p.Split('|')[..2])));

        // A manifest may name each file's input; only its bare 'file' column is ambiguous.
        var manifest = Path.Combine(_folder, "batch.jsonl");
        await System.IO.File.WriteAllLinesAsync(manifest, [
            """{"file": "a.txt"}""",
            """{"file.invoice": "a.txt", "file.receipt": "b.txt", "name": "both"}""",
        ]);
        var rows = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--manifest", manifest, "--json");
        Assert.True(rows.ExitCode == ExitCodes.BadInput, rows.ToString());
        Assert.StartsWith("batch.jsonl line 1|file|the workflow 'extract-invoice' declares the file inputs 'invoice', 'receipt'", Assert.Single(Problems(rows)));
        Assert.Equal(["both"], await scenario.Database.ColumnAsync<string>("SELECT source_name FROM eigenpal.submissions"));
        Assert.Equal(0, scenario.Simulator.GetCounters().RequestsTo(V1EndpointNames.StartRun));

        // The schema is the current release's: pinned to it the batch is held to it, pinned to an older one it is not.
        var current = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--version", "1.2.0", "--dir", _folder, "--pattern", "*.txt");
        Assert.True(current.ExitCode == ExitCodes.BadInput, current.ToString());
        var older = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--version", "1.0.0", "--dir", _folder, "--pattern", "*.txt", "--json");
        Assert.True(older.ExitCode == ExitCodes.Success, older.ToString());
        Assert.Equal(2, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_files WHERE input_name = 'contract_document'"));
    }
}

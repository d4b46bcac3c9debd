using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Bad input is reported by file, row and field; the good rows are recorded; nothing needs a worker.</summary>
[Collection(PostgresTests.Name)]
public sealed class SubmitInputProblemTests(PostgresServer postgres) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eigenpal-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_jsonl_manifest_with_bad_rows_records_the_good_ones_and_names_each_bad_one()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.txt"), "Invoice No: INV-A");
        await File.WriteAllTextAsync(Path.Combine(_folder, "b.txt"), "Invoice No: INV-B");
        await File.WriteAllBytesAsync(Path.Combine(_folder, "empty.txt"), []);
        var manifest = Path.Combine(_folder, "batch.jsonl");
        await File.WriteAllLinesAsync(manifest, [
            """{"file": "a.txt", "name": "first"}""",
            """{"file": "missing.txt"}""",
            """{"file": "empty.txt"}""",
            """{"file": "b.txt", "oops""",
            """{"file": "b.txt", "colour": "red"}""",
            "",
            """{"file": "b.txt", "input.language": "de", "key": "row-7"}""",
        ]);

        var run = await CliRun.RunAsync(scenario.Settings, "submit", "--workflow", "extract-invoice", "--manifest", manifest, "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(2, (int)run.Json["new"]!);
        var problems = run.Json["problems"]!.AsArray().Select(p => $"{p!["where"]}|{p["field"]}|{p["message"]}").ToList();
        Assert.Equal(4, problems.Count);
        Assert.StartsWith("batch.jsonl line 2|file|file not found", problems[0]);
        Assert.StartsWith("batch.jsonl line 3|file|the file is empty", problems[1]);
        Assert.StartsWith("batch.jsonl line 4||not valid JSON", problems[2]);
        Assert.StartsWith("batch.jsonl line 5|colour|unknown column 'colour'", problems[3]);
        Assert.Equal(["b.txt", "first"], await scenario.Database.ColumnAsync<string>("SELECT source_name FROM eigenpal.submissions ORDER BY source_name"));
        Assert.Equal("de", await scenario.Database.ScalarAsync<string>("SELECT input->>'language' FROM eigenpal.submissions WHERE source_name = 'b.txt'"));
    }

    [Fact]
    public async Task A_folder_with_an_oversized_and_an_unreadable_file_records_the_rest_and_names_both()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        await File.WriteAllTextAsync(Path.Combine(_folder, "small.txt"), "Invoice No: INV-S");
        await File.WriteAllBytesAsync(Path.Combine(_folder, "large.txt"), new byte[4096]);
        var locked = Path.Combine(_folder, "locked.txt");
        await File.WriteAllTextAsync(locked, "Invoice No: INV-L");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(locked, UnixFileMode.None);
        }

        var readable = IsReadable(locked); // root reads a mode-000 file anyway; then only the size limit is checked

        var run = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "--dir", _folder, "--pattern", "*.txt", "--max-file-size", "1KB", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        var problems = run.Json["problems"]!.AsArray().Select(p => $"{p!["where"]}|{p["message"]}").ToList();
        Assert.True(problems.Any(p => p.Contains("large.txt|", StringComparison.Ordinal) && p.Contains("limit", StringComparison.OrdinalIgnoreCase)), string.Join('\n', problems));
        if (!readable)
        {
            Assert.Contains(problems, p => p.Contains("locked.txt|", StringComparison.Ordinal));
        }

        var recorded = await scenario.Database.ColumnAsync<string>("SELECT source_name FROM eigenpal.submissions ORDER BY source_name");
        Assert.Equal(readable ? ["locked.txt", "small.txt"] : ["small.txt"], recorded);
    }

    private static bool IsReadable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_csv_manifest_reports_bad_scalars_and_field_counts_and_an_unknown_column_rejects_the_manifest()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.txt"), "Invoice No: INV-CA");
        await File.WriteAllTextAsync(Path.Combine(_folder, "b.txt"), "Invoice No: INV-CB");
        var manifest = Path.Combine(_folder, "batch.csv");
        await File.WriteAllLinesAsync(manifest, [
            "file,name,input.meta,key",
            "a.txt,first,\"{\"\"po\"\": 42}\",k-1",
            "b.txt,second,{oops,k-2",
            "b.txt,third",
            "b.txt,fourth,plain text,k-4",
        ]);

        var run = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "-m", manifest, "--key-from", "key", "--json");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(2, (int)run.Json["new"]!);
        var problems = run.Json["problems"]!.AsArray().Select(p => $"{p!["where"]}|{p["field"]}|{p["message"]}").ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("batch.csv row 3|input.meta|looks like JSON but is not valid JSON", problems[0]);
        Assert.StartsWith("batch.csv row 4||has 2 fields, the header has 4", problems[1]);
        Assert.Equal(["k-1", "k-4"], await scenario.Database.ColumnAsync<string>("SELECT idempotency_key FROM eigenpal.submissions ORDER BY idempotency_key"));
        Assert.Equal(42, await scenario.Database.ScalarAsync<int>("SELECT (input->'meta'->>'po')::int FROM eigenpal.submissions WHERE source_name = 'first'"));
        Assert.Equal("plain text", await scenario.Database.ScalarAsync<string>("SELECT input->>'meta' FROM eigenpal.submissions WHERE source_name = 'fourth'"));

        var unknown = Path.Combine(_folder, "unknown.csv");
        await File.WriteAllLinesAsync(unknown, ["file,colour", "a.txt,red"]);
        var rejected = await CliRun.RunAsync(scenario.Settings, "submit", "-w", "extract-invoice", "-m", unknown, "--force");
        Assert.Equal(ExitCodes.BadInput, rejected.ExitCode);
        Assert.Contains("unknown column 'colour'", rejected.Output);
        Assert.Equal(2, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions"));
    }

    [Fact]
    public async Task An_unknown_workflow_exits_4_and_records_nothing()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.txt"), "Invoice No: INV-U");

        var run = await CliRun.RunAsync(scenario.Settings, "submit", "--workflow", "no-such-flow", Path.Combine(_folder, "a.txt"));

        Assert.Equal(ExitCodes.ApiUnavailable, run.ExitCode);
        Assert.Contains("unknown workflow 'no-such-flow'", run.Output);
        Assert.Equal(0, await scenario.Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.batches"));
    }

    [Fact]
    public async Task A_missing_api_key_exits_4_with_a_clear_message()
    {
        await using var scenario = await WorkerScenario.StartAsync(postgres);
        var settings = new Dictionary<string, string>(scenario.Settings) { ["EIGENPAL_API_KEY"] = "" };

        var run = await CliRun.RunAsync(settings, "submit", "--workflow", "extract-invoice", "--dir", _folder);

        Assert.Equal(ExitCodes.ApiUnavailable, run.ExitCode);
        Assert.Contains("EIGENPAL_API_KEY", run.Output);
        Assert.DoesNotContain(scenario.Simulator.ApiKey, run.Output);
    }

    [Fact]
    public async Task An_unreachable_database_exits_3_with_a_clear_message_and_no_password_or_stack_trace()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Eigenpal"] = "Host=127.0.0.1;Port=1;Database=invoices;Username=ap;Password=s3cret-pw;Timeout=3",
            ["EIGENPAL_API_KEY"] = "sim-test-key",
            ["EIGENPAL_BASE_URL"] = "http://127.0.0.1:1",
        };

        var submit = await CliRun.RunAsync(settings, "submit", "--workflow", "extract-invoice", "--dir", _folder);
        var status = await CliRun.RunAsync(settings, "status");

        foreach (var run in new[] { submit, status })
        {
            Assert.Equal(ExitCodes.DatabaseUnavailable, run.ExitCode);
            Assert.Contains("Cannot use the database 127.0.0.1:1/invoices", run.Output);
            Assert.DoesNotContain("s3cret-pw", run.Output);
            Assert.DoesNotContain(" at Npgsql", run.Output);
        }
    }
}

using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>
/// <c>eigenpal purge</c> against a real PostgreSQL: it frees the bytes of submissions no reprocess run will take again,
/// and keeps every row, hash, size, file name and result; <c>--dry-run</c> writes nothing.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PurgeCommandTests(PostgresServer postgres) : RetentionTestBase(postgres)
{
    private static readonly TimeSpan Old = TimeSpan.FromDays(40);

    [Fact]
    public async Task Purge_frees_the_bytes_of_submissions_done_for_good_and_keeps_every_row_hash_size_and_result()
    {
        var purged = new Dictionary<string, Guid>
        {
            ["completed"] = await Seed.SeedAsync("completed", Old),
            ["rejected"] = await Seed.SeedAsync("rejected", Old),
            ["cancelled"] = await Seed.SeedAsync("cancelled", Old),
            ["error"] = await Seed.SeedAsync("error", Old),
            ["failed, not retryable"] = await Seed.SeedAsync("failed", Old, attempts: 1, retryable: false),
            ["failed, out of attempts"] = await Seed.SeedAsync("failed", Old, attempts: 3, retryable: true),
        };
        var kept = new Dictionary<string, Guid>
        {
            ["failed, retryable, attempts left"] = await Seed.SeedAsync("failed", Old, attempts: 1, retryable: true),
            ["failed, retryability unknown (retryable by default), attempts left"] = await Seed.SeedAsync("failed", Old, attempts: 2, retryable: null),
            ["running"] = await Seed.SeedAsync("running", Old),
            ["pending"] = await Seed.SeedAsync("pending", Old, attempts: 0),
            ["undetermined"] = await Seed.SeedAsync("undetermined", Old),
            ["vanished"] = await Seed.SeedAsync("vanished", Old),
            ["completed, younger than PurgeAfter"] = await Seed.SeedAsync("completed", TimeSpan.FromDays(10)),
        };
        var purgedBytes = await Db.ScalarAsync<long>(
            $"SELECT sum(octet_length(content)) FROM eigenpal.submission_files WHERE submission_id IN ({string.Join(", ", purged.Values.Select(id => $"'{id}'"))})");
        var before = await StoreSnapshot.TakeAsync(Db);

        // Batches of two: the six to purge and the seven to keep take several bounded statements.
        var run = await CliRun.RunAsync(Settings(("Eigenpal__Retention__BatchSize", "2")), "purge", "--older-than", "30d", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var after = await StoreSnapshot.TakeAsync(Db);
        foreach (var (what, id) in purged)
        {
            Assert.True(await StoreSnapshot.PurgedAsync(Db, id), $"{what}: its bytes should be purged");
        }

        foreach (var (what, id) in kept)
        {
            Assert.True(await StoreSnapshot.StoredAsync(Db, id), $"{what}: its bytes should be kept");
        }

        Assert.Equal(
            (before.Submissions, before.Files, before.Executions, before.StatusChanges),
            (after.Submissions, after.Files, after.Executions, after.StatusChanges));
        Assert.Equal(before.FileFacts, after.FileFacts);
        Assert.Equal(before.Results, after.Results);
        Assert.Equal(before.StoredBytes - purgedBytes, after.StoredBytes);

        var json = run.Json;
        Assert.False((bool)json["dryRun"]!);
        Assert.Equal(6, (long)json["submissions"]!);
        Assert.Equal(6, (long)json["files"]!);
        Assert.Equal(purgedBytes, (long)json["bytes"]!);
        Assert.Equal(["cancelled 1", "completed 1", "error 1", "failed 2", "rejected 1"], Groups(json, "purged"));
        Assert.Equal(["failed 2", "pending 1", "running 1", "undetermined 1", "vanished 1"], Groups(json, "kept"));
    }

    [Fact]
    public async Task Dry_run_counts_per_workflow_and_state_and_writes_nothing()
    {
        await Seed.SeedAsync("completed", Old);
        await Seed.SeedAsync("completed", Old);
        await Seed.SeedAsync("completed", Old, workflow: "extract-receipt");
        await Seed.SeedAsync("rejected", Old);
        await Seed.SeedAsync("failed", Old, attempts: 1, retryable: true);
        await Seed.SeedAsync("completed", TimeSpan.FromDays(1));
        var before = await StoreSnapshot.DigestAsync(Db);

        var table = await CliRun.RunAsync(Settings(), "purge", "--older-than", "30d", "--dry-run");
        var json = await CliRun.RunAsync(Settings(), "purge", "--older-than", "30d", "--dry-run", "--json");

        Assert.True(table.ExitCode == ExitCodes.Success, table.ToString());
        Assert.True(json.ExitCode == ExitCodes.Success, json.ToString());
        Assert.Equal(before, await StoreSnapshot.DigestAsync(Db));
        Assert.Contains("Dry run: nothing was changed. 4 submission(s), 4 file(s)", table.Output, StringComparison.Ordinal);
        Assert.True((bool)json.Json["dryRun"]!);
        Assert.Equal(4, (long)json.Json["submissions"]!);
        Assert.Equal(
            ["extract-invoice completed 2", "extract-invoice rejected 1", "extract-receipt completed 1"],
            json.Json["purged"]!.AsArray().Select(g => $"{g!["workflow"]} {g["state"]} {g["submissions"]}").ToList());
        Assert.Equal(["failed 1"], Groups(json.Json, "kept"));
    }

    [Fact]
    public async Task Without_older_than_the_configured_PurgeAfter_decides()
    {
        var old = await Seed.SeedAsync("completed", TimeSpan.FromDays(25));
        var young = await Seed.SeedAsync("completed", TimeSpan.FromDays(15));

        var run = await CliRun.RunAsync(Settings(("Eigenpal__Retention__PurgeAfter", "20.00:00:00")), "purge");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("1 submission(s), 1 file(s) purged", run.Output, StringComparison.Ordinal);
        Assert.True(await StoreSnapshot.PurgedAsync(Db, old));
        Assert.True(await StoreSnapshot.StoredAsync(Db, young));
    }

    [Fact]
    public async Task Show_tells_when_a_files_bytes_were_purged()
    {
        var id = await Seed.SeedAsync("completed", Old);
        var size = await Db.ScalarAsync<long>($"SELECT size_bytes FROM eigenpal.submission_files WHERE submission_id = '{id}'");
        var shownBefore = await CliRun.RunAsync(Settings(), "show", id.ToString());

        await CliRun.RunAsync(Settings(), "purge", "--older-than", "30d");
        var shown = await CliRun.RunAsync(Settings(), "show", id.ToString());

        var purgedOn = await Db.ScalarAsync<DateTime>($"SELECT purged_at FROM eigenpal.submission_files WHERE submission_id = '{id}'");
        Assert.Contains($"({size} bytes)", shownBefore.Output, StringComparison.Ordinal);
        Assert.True(shown.ExitCode == ExitCodes.Success, shown.ToString());
        Assert.Contains($"({size} bytes, purged {purgedOn.ToUniversalTime():yyyy-MM-dd HH:mm} UTC)", shown.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Eigenpal__Retention__TimeZone", "Mars/Olympus_Mons", "Eigenpal:Retention:TimeZone 'Mars/Olympus_Mons' is not a known time zone")]
    [InlineData("Eigenpal__Retention__Schedule", "every night", "Eigenpal:Retention:Schedule 'every night' is not a cron expression")]
    public async Task A_bad_retention_setting_stops_the_command_naming_it(string key, string value, string message)
    {
        var run = await CliRun.RunAsync(Settings((key, value)), "purge", "--dry-run");

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_duration_is_a_usage_error()
    {
        var run = await CliRun.RunAsync(Settings(), "purge", "--older-than", "a month");

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("--older-than 'a month' is not a duration", run.Output, StringComparison.Ordinal);
    }

    private static List<string> Groups(System.Text.Json.Nodes.JsonObject json, string name) =>
        [.. json[name]!.AsArray().Select(g => $"{g!["state"]} {g["submissions"]}")];

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings__Eigenpal"] = Db.ConnectionString };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}

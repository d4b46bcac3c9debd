using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// Issue 10, at the terminal: <c>list</c> shows short ids (the last 8 hex digits, since UUIDv7 ids of a
/// batch share their start), and <c>show</c>, <c>cancel</c> and <c>resolve</c> accept a unique start or end
/// of an id, and name the candidates when the fragment is ambiguous or matches nothing.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ShortIdTests(PostgresServer postgres)
{
    // A and B share their first 13 hex digits (one millisecond); A and C share their last 6.
    private static readonly Guid A = Guid.Parse("0196f7c2-5a8e-7c1b-9f3e-2d4c6b8a1e07");
    private static readonly Guid B = Guid.Parse("0196f7c2-5a8e-7d00-8000-00000000aa11");
    private static readonly Guid C = Guid.Parse("0196f7c2-5a90-7000-8000-00009b8a1e07");
    private static readonly Guid D = Guid.Parse("0197aaaa-0000-7000-8000-0000deadc0de");

    /// <summary>A store holding the four submissions, all completed, without executions.</summary>
    public static async Task<TrackingDatabase> SeedAsync(PostgresServer postgres)
    {
        var db = await TrackingDatabase.CreateAsync(postgres);
        var i = 0;
        foreach (var id in new[] { A, B, C, D })
        {
            await using var insert = db.DataSource.CreateCommand("""
                INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, source_name, state, created_at, updated_at)
                VALUES (@id, 'extract-invoice', @key, @source, 'completed', now() - make_interval(mins => @i), now() - make_interval(mins => @i))
                """);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("key", "key-" + id);
            insert.Parameters.AddWithValue("source", $"invoice-{i}.pdf");
            insert.Parameters.AddWithValue("i", i++);
            await insert.ExecuteNonQueryAsync();
        }

        return db;
    }

    public static Dictionary<string, string> Settings(TrackingDatabase db) => new()
    {
        ["ConnectionStrings__Eigenpal"] = db.ConnectionString,
        // Nothing here reaches the API (no submission has a remote execution); the client still wants settings.
        ["EIGENPAL_API_KEY"] = "sim-test-key",
        ["EIGENPAL_BASE_URL"] = "http://127.0.0.1:1",
        ["Eigenpal__Api"] = "legacy",
    };

    [Fact]
    public async Task List_shows_the_last_8_hex_digits_and_whole_ids_on_request()
    {
        await using var db = await SeedAsync(postgres);

        var list = await CliRun.RunAsync(Settings(db), "list");
        Assert.True(list.ExitCode == ExitCodes.Success, list.ToString());
        Assert.Contains("6b8a1e07", list.Output, StringComparison.Ordinal);
        Assert.Contains("0000aa11", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(A.ToString(), list.Output, StringComparison.Ordinal);

        var full = await CliRun.RunAsync(Settings(db), "list", "--full-ids");
        Assert.Contains(A.ToString(), full.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6b8a1e07", "end, the short id")]
    [InlineData("6B8A1E07", "end, upper case")]
    [InlineData("0196f7c25a8e7c", "start")]
    [InlineData("0196f7c2-5a8e-7c", "start, with hyphens")]
    [InlineData("0196f7c2-5a8e-7c1b-9f3e-2d4c6b8a1e07", "the whole id")]
    public async Task Show_accepts_a_unique_start_or_end(string fragment, string what)
    {
        await using var db = await SeedAsync(postgres);

        var show = await CliRun.RunAsync(Settings(db), "show", fragment);

        Assert.True(show.ExitCode == ExitCodes.Success, $"{what}: {show}");
        Assert.Contains(A.ToString(), show.Output, StringComparison.Ordinal);
        Assert.Contains("invoice-0.pdf", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_fragment_lists_its_candidates_and_does_nothing()
    {
        await using var db = await SeedAsync(postgres);
        var settings = Settings(db);

        var byStart = await CliRun.RunAsync(settings, "show", "0196f7c2");
        Assert.True(byStart.ExitCode == ExitCodes.BadInput, byStart.ToString());
        Assert.Contains("starts or ends more than one submission id", byStart.Output, StringComparison.Ordinal);
        Assert.Contains(A.ToString(), byStart.Output, StringComparison.Ordinal);
        Assert.Contains(B.ToString(), byStart.Output, StringComparison.Ordinal);
        Assert.Contains(C.ToString(), byStart.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(D.ToString(), byStart.Output, StringComparison.Ordinal);

        var byEnd = await CliRun.RunAsync(settings, "cancel", "8a1e07");
        Assert.True(byEnd.ExitCode == ExitCodes.BadInput, byEnd.ToString());
        Assert.Contains(A.ToString(), byEnd.Output, StringComparison.Ordinal);
        Assert.Contains(C.ToString(), byEnd.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(B.ToString(), byEnd.Output, StringComparison.Ordinal);

        var resolve = await CliRun.RunAsync(settings, "resolve", "1e07", "--not-sent");
        Assert.True(resolve.ExitCode == ExitCodes.BadInput, resolve.ToString());
        Assert.Contains("starts or ends more than one", resolve.Output, StringComparison.Ordinal);
        Assert.Equal(4, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'completed'"));
    }

    [Theory]
    [InlineData("show", "0badc0de")]
    [InlineData("cancel", "0badc0de")]
    [InlineData("resolve", "0badc0de")]
    public async Task A_fragment_that_matches_nothing_says_so(string command, string fragment)
    {
        await using var db = await SeedAsync(postgres);

        var run = await CliRun.RunAsync(Settings(db), command == "resolve" ? [command, fragment, "--not-sent"] : [command, fragment]);

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains($"no submission id starts or ends with '{fragment}'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_and_resolve_act_on_the_submission_a_unique_fragment_names()
    {
        await using var db = await SeedAsync(postgres);
        var settings = Settings(db);

        var cancel = await CliRun.RunAsync(settings, "cancel", "deadc0de");
        Assert.True(cancel.ExitCode == ExitCodes.Success, cancel.ToString());
        Assert.Contains(D.ToString(), cancel.Output, StringComparison.Ordinal);
        Assert.Contains("already-terminal", cancel.Output, StringComparison.Ordinal);

        var resolve = await CliRun.RunAsync(settings, "resolve", "0000aa11", "--not-sent");
        Assert.True(resolve.ExitCode == ExitCodes.BadInput, resolve.ToString());
        Assert.Contains($"Submission {B} is completed, not undetermined", resolve.Output, StringComparison.Ordinal);
    }
}

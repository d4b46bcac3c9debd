using Eigenpal.Submissions;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Cli;
using Eigenpal.Worker.Tests.Infrastructure;
using Eigenpal.Worker.Tests.Sending;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>
/// A submission whose files were purged is never sent again from the store: reopened (as a reprocess run would),
/// the sender refuses it, sends nothing, and the recorded reason names the retention and the date of the purge.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PurgedResendTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    [Fact]
    public async Task A_purged_submission_reopened_is_refused_naming_the_retention_and_the_purge_date()
    {
        var harness = Harness();
        var id = await RecordInvoiceAsync(1);
        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));
        // The run takes a minute in this simulator; its end is written as the poller writes it, and aged past the retention.
        await ExecuteAsync("UPDATE eigenpal.executions SET status = 'completed', completed_at = now(), result = '{\"total\": 1}' WHERE submission_id = @id", id);
        await ExecuteAsync("UPDATE eigenpal.submissions SET state = 'completed', updated_at = now() - interval '40 days' WHERE id = @id", id);
        var purge = await CliRun.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Eigenpal"] = Database.ConnectionString }, "purge", "--older-than", "30d");
        Assert.True(purge.ExitCode == ExitCodes.Success, purge.ToString());
        var purgedOn = await ScalarAsync<DateTime>("SELECT purged_at FROM eigenpal.submission_files WHERE submission_id = @id", id);
        var runsBefore = harness.Requests.Entries.Count(r => r.Method == "POST");

        // What a reprocess run's reopening leaves: pending, due now, the same attempt number.
        await ExecuteAsync("UPDATE eigenpal.submissions SET state = 'pending', not_before = now(), updated_at = now() WHERE id = @id", id);
        var outcome = await harness.NewSender().SendAsync(id, CancellationToken.None);

        Assert.Equal(SendOutcome.Refused, outcome);
        Assert.Equal(runsBefore, harness.Requests.Entries.Count(r => r.Method == "POST"));
        Assert.Equal("error", await SubmissionAsync<string>(id, "s.state"));
        Assert.Equal(1L, await AttemptCountAsync(id));
        var reason = await SubmissionAsync<string>(id, "s.state_reason");
        Assert.Contains(
            $"its stored files ({FileInput}) were purged on {purgedOn:yyyy-MM-dd} by the retention (Eigenpal:Retention:PurgeAfter), so it cannot be sent again",
            reason, StringComparison.Ordinal);
    }
}

using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// Reconciliation over an executions list that does not cooperate: pages that fail mid-way, and a
/// server that stops serving high offsets. The simulator's clock is fake, so a test places each
/// execution's <c>createdAt</c> where it wants it; the sender's and the database's clocks are real.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SenderListingTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    private readonly FakeTimeProvider _apiTime = new(DateTimeOffset.UtcNow);

    protected override TimeProvider SimulatorClock => _apiTime;

    [Fact]
    public async Task A_listing_that_fails_mid_way_resumes_at_the_same_page_and_still_decides()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        Modes(m =>
        {
            m.MaxPageSize = 2;
            m.FileEcho = FileEchoMode.NameOnly;
        });
        var claimed = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var other = await RecordInvoiceAsync(i);
            Assert.Equal(SendOutcome.Sent, await sender.SendAsync(other, CancellationToken.None));
            claimed.Add(await AttemptAsync<string>(other, "remote_id"));
        }

        var id = await RecordInvoiceAsync(5);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });
        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        await Eventually.WaitAsync(
            () => AttemptAsync<bool>(id, "now() >= deadline_at AND now() - reconcile_since >= interval '1 second'"), settled => settled, Patience, "the settle time to pass");

        // Half the list calls now fail (seeded): the deciding pass has to get through them.
        Faults(new FaultOptions { ServerErrorRate = 0.5, Endpoints = ["listExecutions"] });
        var before = harness.Requests.Entries.Count;

        Assert.Equal(SendOutcome.Reconciled, await sender.SendAsync(id, CancellationToken.None));

        var pass = harness.Requests.Entries.Skip(before).Where(r => r.IsList).ToList();
        // The window holds 5 executions, listed 2 a page: pages 0, 2 and 4 each read once, every failed page asked again at once.
        Assert.Equal(new int?[] { 0, 2, 4 }, pass.Where(r => r.Status == 200).Select(r => r.Offset));
        for (var i = 0; i < pass.Count; i++)
        {
            if (pass[i].Status != 200)
            {
                Assert.Equal(500, pass[i].Status);
                Assert.Equal(pass[i].Offset, pass[i + 1].Offset);
            }
        }

        Assert.Contains(pass, r => r.Status == 500 && r.Offset > 0);
        Simulator.SetFaults(new FaultOptions());
        Simulator.SetModes(new ModeOptions());
        var lost = Assert.Single((await RemoteIdsAsync(harness)).Except(claimed));
        Assert.Equal(lost, await AttemptAsync<string>(id, "remote_id"));
        Assert.Equal(0, await AttemptAsync<int>(id, "reconcile_failures"));
    }

    [Fact]
    public async Task A_listing_whose_server_stops_serving_high_offsets_is_split_in_time_and_still_decides()
    {
        var harness = Harness(new Dictionary<string, string?> { ["Eigenpal:Sender:ReconcileClockSkew"] = "00:00:20" });
        var sender = harness.NewSender();
        // Two a page, nothing from offset 2 on (while total counts everything), oldest first: the lost run is out of reach.
        Modes(m =>
        {
            m.MaxPageSize = 2;
            m.EmptyPagesFromOffset = 2;
            m.ListOrder = ListOrderMode.OldestFirst;
            m.FileEcho = FileEchoMode.NameOnly;
        });
        var claimed = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            _apiTime.Advance(TimeSpan.FromSeconds(2));
            var other = await RecordInvoiceAsync(i);
            Assert.Equal(SendOutcome.Sent, await sender.SendAsync(other, CancellationToken.None));
            claimed.Add(await AttemptAsync<string>(other, "remote_id"));
        }

        _apiTime.Advance(TimeSpan.FromSeconds(2));
        var id = await RecordInvoiceAsync(5);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Assert.Equal(SendOutcome.Reconciled, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the lost run to be found"));

        // Every pass completed its listing (a failed one would have been counted), by listing parts of the window.
        Assert.Equal(0, await AttemptAsync<int>(id, "reconcile_failures"));
        Assert.True(harness.Requests.Entries.Where(r => r.IsList).Select(r => r.FromDate).Distinct().Count() > 2, "the window was never split");
        Simulator.SetModes(new ModeOptions());
        var lost = Assert.Single((await RemoteIdsAsync(harness)).Except(claimed));
        Assert.Equal(lost, await AttemptAsync<string>(id, "remote_id"));
    }

    [Fact]
    public async Task A_listing_that_cannot_be_completed_counts_a_failed_pass_backs_off_and_never_adopts_on_a_name()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        // One a page and nothing from offset 1 on, for three executions created in the same instant: no split can list them.
        Modes(m =>
        {
            m.MaxPageSize = 1;
            m.EmptyPagesFromOffset = 1;
            m.FileEcho = FileEchoMode.NameOnly;
        });
        var id = await SendTwoThenLoseOneAsync(sender);

        var delays = new List<double>();
        for (var pass = 1; pass <= 2; pass++)
        {
            Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
            Assert.Equal(pass, await AttemptAsync<int>(id, "reconcile_failures"));
            delays.Add(await SubmissionAsync<double>(id, "EXTRACT(EPOCH FROM relay_at - now())::float8"));
        }

        // ReconcileRetryDelay (0.1 s), doubling per failed pass.
        Assert.InRange(delays[0], 0.05, 0.1);
        Assert.InRange(delays[1], 0.15, 0.2);
        await Eventually.WaitAsync(
            () => AttemptAsync<bool>(id, "now() >= deadline_at AND now() - reconcile_since >= interval '1 second'"), settled => settled, Patience, "the settle time to pass");
        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Assert.True(await AttemptAsync<bool>(id, "status = 'sending' AND remote_id IS NULL AND reconcile_failures = 3"));
    }

    [Fact]
    public async Task A_hash_seen_in_a_listing_that_cannot_be_completed_is_not_adopted_since_a_hole_may_hide_an_identical_upload()
    {
        var harness = Harness();
        var sender = harness.NewSender();
        Modes(m =>
        {
            m.MaxPageSize = 1;
            m.EmptyPagesFromOffset = 1;
            m.ListOrder = ListOrderMode.NewestFirst;
        });

        var id = await SendTwoThenLoseOneAsync(sender);

        // Waiting: the pass counted as failed (checked by SendTwoThenLoseOneAsync), nothing adopted.
        Assert.True(await AttemptAsync<bool>(id, "status = 'sending' AND remote_id IS NULL"));
        Assert.Equal(1, Simulator.GetCounters().LostResponses);
    }

    /// <summary>Two invoices sent normally, then a third whose response is lost; all created in the same instant of the API's clock.</summary>
    private async Task<Guid> SendTwoThenLoseOneAsync(Submissions.SubmissionSender sender, SendOutcome expected = SendOutcome.AwaitingReconciliation)
    {
        for (var i = 1; i <= 2; i++)
        {
            Assert.Equal(SendOutcome.Sent, await sender.SendAsync(await RecordInvoiceAsync(i), CancellationToken.None));
        }

        var id = await RecordInvoiceAsync(3);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });
        Assert.Equal(expected, await sender.SendAsync(id, CancellationToken.None));
        if (expected == SendOutcome.AwaitingReconciliation)
        {
            // The lost send's own first pass already failed to complete its listing.
            Assert.Equal(1, await AttemptAsync<int>(id, "reconcile_failures"));
            await ExecuteAsync("UPDATE eigenpal.executions SET reconcile_failures = 0 WHERE submission_id = @id", id);
        }

        return id;
    }
}

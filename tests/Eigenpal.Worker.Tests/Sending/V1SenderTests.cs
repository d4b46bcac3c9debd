using Eigenpal.Api.V1;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Modes;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// The sender on the v1 runs surface (issue 8): every start carries metadata naming its attempt and
/// references its file by <c>$fileId</c>, uploaded once; a lost start is settled by that metadata —
/// adopted at once where it is echoed, by the legacy evidence rules where a server drops it — and an
/// attempt is reconciled on the surface it was sent on, whatever is configured later.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class V1SenderTests(PostgresServer postgres) : SenderTestBase(postgres)
{
    private static readonly Dictionary<string, string?> OnV1 = new() { ["Eigenpal:Api"] = "v1" };

    [Fact]
    public async Task A_start_carries_metadata_naming_its_attempt_and_references_the_file_uploaded_once()
    {
        var harness = Harness(OnV1);
        var id = await RecordInvoiceAsync(1);

        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal("v1", await AttemptAsync<string>(id, "surface"));
        var remoteId = await AttemptAsync<string>(id, "remote_id");
        var attemptId = await AttemptAsync<Guid>(id, "id");
        var run = await harness.NewClient().Runs.GetAsync(remoteId, RunExpand.Input);
        Assert.Equal(attemptId, RunMetadata.AttemptNamedBy(run.Input?.Metadata));
        Assert.Equal(id.ToString(), run.Input!.Metadata!.Value.GetProperty(RunMetadata.SubmissionKey).GetString());
        var fileId = await ScalarAsync<string>("SELECT remote_file_id FROM eigenpal.submission_files WHERE submission_id = @id", id);
        Assert.StartsWith("file_", fileId, StringComparison.Ordinal);
        var counters = Simulator.GetCounters();
        Assert.Equal((1, 1, 1), (counters.RequestsTo("runs.start"), counters.RequestsTo("files.uploads.create"), counters.FilesCreated));
        Assert.Equal(0, counters.RequestsTo("runWorkflow"));
    }

    [Fact]
    public async Task A_lost_start_is_adopted_at_once_through_its_metadata_even_beside_an_identical_run_of_another_client()
    {
        var harness = Harness(OnV1);
        var id = await RecordInvoiceAsync(1);
        // Another client runs the very same file and values just before: only the metadata can tell the two runs apart.
        var twin = await StartTwinAsync(harness, id);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runs.start"] });

        Assert.Equal(SendOutcome.Reconciled, await harness.NewSender().SendAsync(id, CancellationToken.None));

        var adopted = await AttemptAsync<string>(id, "remote_id");
        Assert.NotEqual(twin, adopted);
        Assert.Equal(await AttemptAsync<Guid>(id, "id"), RunMetadata.AttemptNamedBy((await harness.NewClient().Runs.GetAsync(adopted, RunExpand.Input)).Input?.Metadata));
        Assert.Contains("its run metadata", (await ChangesAsync(id)).Single(), StringComparison.Ordinal);
        var counters = Simulator.GetCounters();
        Assert.Equal((1, 2, 2), (counters.LostResponses, counters.RequestsTo("runs.start"), counters.ExecutionsCreated));
        // The twin and ours share their input by design: that one pair, and no run of ours twice.
        Assert.Equal(1, counters.DuplicateInputExecutions);
        Assert.Equal(1L, await AttemptCountAsync(id));
    }

    [Fact]
    public async Task Once_the_service_is_seen_to_echo_metadata_another_clients_identical_run_is_never_adopted_for_a_start_that_never_arrived()
    {
        var harness = Harness(OnV1);
        var sender = harness.NewSender();
        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(await RecordInvoiceAsync(1), CancellationToken.None));
        var id = await RecordInvoiceAsync(2);
        var twin = await StartTwinAsync(harness, id);
        Faults(new FaultOptions { HangRate = 1, Endpoints = ["runs.start"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Faults(new FaultOptions());
        Assert.Equal(SendOutcome.Deferred, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the hung start to be decided"));
        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(id, CancellationToken.None));

        // The twin (same bytes, same values, no metadata) was the only run in the window; the legacy rules would have adopted it.
        Assert.Equal("not-created", await AttemptAsync<string>(id, "status", attempt: 1));
        Assert.NotEqual(twin, await AttemptAsync<string>(id, "remote_id", attempt: 2));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE remote_id = '" + twin + "'"));
    }

    /// <summary>Starts, as another client would (no metadata), a run with the submission's own file and values; returns its id.</summary>
    private async Task<string> StartTwinAsync(SenderHarness harness, Guid submission)
    {
        var file = await ScalarAsync<byte[]>("SELECT content FROM eigenpal.submission_files WHERE submission_id = @id", submission);
        var name = await ScalarAsync<string>("SELECT file_name FROM eigenpal.submission_files WHERE submission_id = @id", submission);
        var input = System.Text.Json.Nodes.JsonNode.Parse(await SubmissionAsync<string>(submission, "input::text"))!.AsObject();
        var values = input.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone());
        values[FileInput] = Api.RunFile.FromBytes(file, name, "application/pdf");
        return (await harness.NewClient().Runs.StartAsync(new RunStartRequest { Target = "workflows." + Workflow, Input = values })).Id;
    }

    [Fact]
    public async Task A_lost_start_on_a_server_that_drops_metadata_is_settled_by_the_legacy_rules_after_the_settle_time()
    {
        var harness = Harness(OnV1);
        Modes(m => m.MetadataEcho = MetadataEchoMode.Dropped);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runs.start"] });
        var id = await RecordInvoiceAsync(1);
        var sender = harness.NewSender();

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Assert.Equal(SendOutcome.Reconciled, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the lost start to be settled"));

        Assert.Contains("the only unclaimed execution in its window", (await ChangesAsync(id)).Single(), StringComparison.Ordinal);
        Assert.Equal((1, 1), (Simulator.GetCounters().ExecutionsCreated, Simulator.GetCounters().RequestsTo("runs.start")));
    }

    [Fact]
    public async Task A_start_that_never_arrived_is_proven_absent_and_sent_again_with_the_same_uploaded_file()
    {
        var harness = Harness(OnV1);
        var id = await RecordInvoiceAsync(1);
        var sender = harness.NewSender();
        Faults(new FaultOptions { HangRate = 1, Endpoints = ["runs.start"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Faults(new FaultOptions());
        Assert.Equal(SendOutcome.Deferred, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the hung start to be decided"));
        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(id, CancellationToken.None));

        Assert.Equal(("not-created", "v1"), (await AttemptAsync<string>(id, "status", attempt: 1), await AttemptAsync<string>(id, "surface", attempt: 1)));
        var counters = Simulator.GetCounters();
        // One upload for both attempts; the runs list, not the legacy executions list, proved the first absent.
        Assert.Equal((1, 1, 2), (counters.RequestsTo("files.uploads.create"), counters.ExecutionsCreated, counters.RequestsTo("runs.start")));
        Assert.True(counters.RequestsTo("runs.list") >= 1);
        Assert.Equal(0, counters.RequestsTo("listExecutions"));
    }

    [Fact]
    public async Task An_upload_whose_answer_was_lost_is_asked_again_with_the_same_key_and_makes_one_file()
    {
        var harness = Harness(OnV1);
        var id = await RecordInvoiceAsync(1);
        var sender = harness.NewSender();
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["files.uploads.create"] });

        Assert.Equal(SendOutcome.Deferred, await sender.SendAsync(id, CancellationToken.None));
        Assert.Equal(("pending", "upload-failed"), (await SubmissionAsync<string>(id, "state"), await SubmissionAsync<string>(id, "last_send_failure")));
        Assert.Equal(0L, await AttemptCountAsync(id));

        Faults(new FaultOptions());
        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(id, CancellationToken.None));

        var counters = Simulator.GetCounters();
        Assert.Equal((2, 1, 1), (counters.RequestsTo("files.uploads.create"), counters.UploadSessionsCreated, counters.FilesCreated));
    }

    [Fact]
    public async Task An_attempt_sent_on_v1_is_reconciled_on_v1_after_the_worker_is_switched_to_legacy()
    {
        var id = await RecordInvoiceAsync(1);
        Faults(new FaultOptions { HangRate = 1, Endpoints = ["runs.start"] });
        Assert.Equal(SendOutcome.AwaitingReconciliation, await Harness(OnV1).NewSender().SendAsync(id, CancellationToken.None));
        Faults(new FaultOptions());

        var legacy = Harness().NewSender();
        Assert.Equal(SendOutcome.Deferred, await UntilDecidedAsync(() => legacy.SendAsync(id, CancellationToken.None), "the v1 attempt to be decided"));
        Assert.Equal(SendOutcome.Sent, await legacy.SendAsync(id, CancellationToken.None));

        Assert.Equal(("v1", "legacy"), (await AttemptAsync<string>(id, "surface", attempt: 1), await AttemptAsync<string>(id, "surface", attempt: 2)));
        var counters = Simulator.GetCounters();
        Assert.True(counters.RequestsTo("runs.list") >= 1);
        Assert.Equal((0, 1), (counters.RequestsTo("listExecutions"), counters.RequestsTo("runWorkflow")));
    }

    [Fact]
    public async Task A_submission_whose_files_were_purged_is_run_again_as_a_v1_rerun_whose_lost_answer_the_retry_chain_settles()
    {
        var harness = Harness(OnV1);
        var id = await RecordInvoiceAsync(1);
        Assert.Equal(SendOutcome.Sent, await harness.NewSender().SendAsync(id, CancellationToken.None));
        var first = await AttemptAsync<string>(id, "remote_id");
        await PurgeAndMakePendingAsync(id);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runs.rerun"] });

        Assert.Equal(SendOutcome.Reconciled, await harness.NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal(first, await AttemptAsync<string>(id, "rerun_of", attempt: 2));
        var rerun = await AttemptAsync<string>(id, "remote_id", attempt: 2);
        Assert.NotEqual(first, rerun);
        Assert.Equal(first, (await harness.NewClient().Runs.GetAsync(rerun)).Execution.Retry?.PreviousRunId);
        Assert.Contains("retry chain", (await ChangesAsync(id)).Last(), StringComparison.Ordinal);
        Assert.Contains(harness.Requests.Entries, r => r.Path.EndsWith($"/runs/{first}/rerun", StringComparison.Ordinal) && r.Query.Contains("version=original", StringComparison.Ordinal));
        var counters = Simulator.GetCounters();
        Assert.Equal((1, 1, 1), (counters.RerunsCreated, counters.RequestsTo("runs.rerun"), counters.RequestsTo("runs.start")));
    }

    [Fact]
    public async Task Without_a_retry_chain_a_lost_rerun_is_settled_by_the_legacy_rules_and_latest_is_asked_when_configured()
    {
        var harness = Harness(new Dictionary<string, string?> { ["Eigenpal:Api"] = "v1", ["Eigenpal:RerunVersion"] = "latest" });
        Modes(m => m.RerunChain = RerunChainMode.Empty);
        var id = await RecordInvoiceAsync(1);
        var sender = harness.NewSender();
        Assert.Equal(SendOutcome.Sent, await sender.SendAsync(id, CancellationToken.None));
        await PurgeAndMakePendingAsync(id);
        Faults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runs.rerun"] });

        Assert.Equal(SendOutcome.AwaitingReconciliation, await sender.SendAsync(id, CancellationToken.None));
        Assert.Equal(SendOutcome.Reconciled, await UntilDecidedAsync(() => sender.SendAsync(id, CancellationToken.None), "the lost rerun to be settled"));

        Assert.Equal(2L, await AttemptCountAsync(id));
        Assert.DoesNotContain(harness.Requests.Entries, r => r.Path.EndsWith("/rerun", StringComparison.Ordinal) && r.Query.Contains("version=", StringComparison.Ordinal));
        Assert.Equal((1, 1), (Simulator.GetCounters().RerunsCreated, Simulator.GetCounters().RequestsTo("runs.rerun")));
    }

    [Fact]
    public async Task A_purged_submission_whose_earlier_run_was_on_the_legacy_surface_ends_in_error_saying_why()
    {
        var id = await RecordInvoiceAsync(1);
        Assert.Equal(SendOutcome.Sent, await Harness().NewSender().SendAsync(id, CancellationToken.None));
        await PurgeAndMakePendingAsync(id);

        Assert.Equal(SendOutcome.Refused, await Harness(OnV1).NewSender().SendAsync(id, CancellationToken.None));

        Assert.Equal("error", await SubmissionAsync<string>(id, "state"));
        Assert.Contains($"its stored files ({FileInput}) were purged on {await ScalarAsync<DateTime>("SELECT max(purged_at) FROM eigenpal.submission_files WHERE submission_id = @id", id):yyyy-MM-dd} by the retention (Eigenpal:Retention:PurgeAfter)",
            await SubmissionAsync<string>(id, "state_reason"), StringComparison.Ordinal);
        Assert.Equal((0, 0), (Simulator.GetCounters().RequestsTo("runs.rerun"), Simulator.GetCounters().RequestsTo("runs.start")));
    }

    // As issue 9's purge and reprocessing will leave it: the bytes gone, the row kept, the submission due again.
    private Task PurgeAndMakePendingAsync(Guid id) => ExecuteAsync("""
        UPDATE eigenpal.submission_files SET content = NULL, purged_at = now() WHERE submission_id = @id;
        UPDATE eigenpal.executions SET status = 'failed', next_poll_at = NULL WHERE submission_id = @id;
        UPDATE eigenpal.submissions SET state = 'pending', not_before = now() WHERE id = @id;
        """, id);
}

using Eigenpal.Api;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Reconciliation;

/// <summary>
/// Finds out what became of an attempt whose run response never arrived (a timeout, a dropped
/// connection, a worker killed mid-send): it lists the workflow's executions created in the
/// attempt's bounded window on the surface the attempt was sent on, sets aside those other attempts
/// hold, reads what the rest show of how they were started (v1: their metadata), and lets
/// <see cref="ReconcileJudge"/> weigh them against this and every other unresolved attempt.
/// It never sends a run.
/// </summary>
internal sealed class LostRunReconciler(EigenpalClient client, IOptions<SenderOptions> options)
{
    public async Task<ReconcileOutcome> ReconcileAsync(NpgsqlConnection connection, IRunSurface surface, string workflow, Guid attemptId, CancellationToken ct)
    {
        var settings = options.Value;
        var (reconciling, sinceRequestOver) = await ReconciliationStore.BeginAsync(connection, attemptId, client.RequestTimeout, ct);
        var self = await ReconciliationStore.LoadAttemptAsync(connection, attemptId, settings.UnmeasuredClockSkew, client.RequestTimeout, ct);

        WindowListing listing;
        try
        {
            listing = await surface.ListWindowAsync(workflow, self.Window, ct);
        }
        catch (EigenpalException ex)
        {
            // Not transient (the workflow is gone, the key was revoked): nothing can be decided now.
            return new ReconcileOutcome(new ReconcileVerdict.Wait($"listing failed: {ex.Message}", Incomplete: true), reconciling, sinceRequestOver, 0);
        }

        var claimed = await ReconciliationStore.ClaimedRemoteIdsAsync(connection, [.. listing.Executions.Select(e => e.Id)], ct);
        RunEchoes echoes;
        try
        {
            echoes = await surface.ReadEchoesAsync([.. listing.Executions.Where(e => !claimed.Contains(e.Id) && self.Window.Contains(e.CreatedAt))], ct);
        }
        catch (EigenpalException ex)
        {
            return new ReconcileOutcome(new ReconcileVerdict.Wait($"reading the candidates' metadata failed: {ex.Message}", Incomplete: true), reconciling, sinceRequestOver, listing.Calls);
        }

        if (surface is V1Surface v1 && echoes.Unnamed is { Count: > 0 } && self.RerunOf is null
            && await ReconciliationStore.KnownV1RunAsync(connection, ct) is { } known)
        {
            try
            {
                // Where the service echoes metadata, a run without ours was started by someone else.
                if (await v1.EchoesMetadataAsync(known.RemoteId, known.AttemptId, ct))
                {
                    echoes = echoes.WithUnnamedAsOthers();
                }
            }
            catch (EigenpalException ex) when (PageRetry.IsTransient(ex) || ex is EigenpalNotFoundException)
            {
                // Not learnt this time: the unnamed runs are weighed by their input echo.
            }
        }

        var others = await ReconciliationStore.OverlappingUnresolvedAsync(
            connection, workflow, self.Window, attemptId, settings.UnmeasuredClockSkew, client.RequestTimeout, ct);
        // Measured before the listing: what it reads must all have been read after the settle time.
        var settled = sinceRequestOver >= settings.UnknownOutcomeSettleTime;
        // A candidate whose echo could not be read may be the run: that makes the listing incomplete.
        var complete = listing.Complete && echoes.Problem is null;
        var verdict = ReconcileJudge.Judge(self, echoes.Candidates, others, complete, settled, echoes.Named, echoes.RetryOf);
        if (verdict is ReconcileVerdict.Wait { Incomplete: true } wait && (listing.Problem ?? echoes.Problem) is { } problem)
        {
            verdict = wait with { Reason = wait.Reason + ": " + problem };
        }

        return new ReconcileOutcome(verdict, reconciling, sinceRequestOver, listing.Calls);
    }
}

/// <summary>A reconciliation pass: its verdict, how long reconciliation of the attempt has been going, since when its settle time counts, and what the listing cost.</summary>
internal sealed record ReconcileOutcome(ReconcileVerdict Verdict, TimeSpan Reconciling, TimeSpan SinceRequestOver, int ListCalls);

using System.Text.Json.Nodes;
using Eigenpal.Api;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// Finds the remote execution of an attempt whose run response never arrived (a timeout, a
/// dropped connection, a worker killed mid-send): it lists the workflow's executions created
/// around the send time and takes the earliest one whose <c>triggerInput</c> is our input and
/// which no other attempt has claimed. It never sends anything. It also says whether it saw the
/// whole window, because only a complete search that found nothing is evidence of absence.
/// </summary>
internal sealed class LostRunReconciler(EigenpalClient client, IOptions<SenderOptions> options)
{
    public async Task<(ExecutionSummary? Match, bool SearchedEverything)> FindAsync(
        NpgsqlConnection connection, string workflow, DateTimeOffset sentAt, JsonObject input, IReadOnlyList<SubmissionFile> files, CancellationToken ct)
    {
        var settings = options.Value;
        var query = new ExecutionListQuery
        {
            From = sentAt - settings.ReconcileClockSkew,
            To = sentAt + settings.UnknownOutcomeSettleTime + settings.ReconcileClockSkew,
            Limit = 100,
        };

        var candidates = new List<ExecutionSummary>();
        var scanned = 0;
        await foreach (var execution in client.Workflows.Executions.ListAllAsync(workflow, query, ct))
        {
            if (TriggerInputMatcher.Matches(execution.TriggerInput, input, files))
            {
                candidates.Add(execution);
            }

            if (++scanned >= settings.ReconcileScanLimit)
            {
                return (await FirstUnclaimedAsync(connection, candidates, ct), false);
            }
        }

        return (await FirstUnclaimedAsync(connection, candidates, ct), true);
    }

    private static async Task<ExecutionSummary?> FirstUnclaimedAsync(NpgsqlConnection connection, List<ExecutionSummary> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var claimed = await SubmissionSendStore.ClaimedRemoteIdsAsync(connection, candidates.Select(c => c.Id).ToList(), ct);
        return candidates
            .Where(c => !claimed.Contains(c.Id))
            .OrderBy(c => c.CreatedAt)
            .FirstOrDefault();
    }
}

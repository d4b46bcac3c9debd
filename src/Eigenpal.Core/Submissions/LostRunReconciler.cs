using System.Text.Json.Nodes;
using Eigenpal.Api;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Submissions;

/// <summary>
/// Finds the remote execution of an attempt whose run response never arrived (a timeout, a
/// dropped connection, a worker killed mid-send): it lists the workflow's executions created
/// around the send time and takes the earliest one whose <c>triggerInput</c> is our input and
/// which no other attempt has claimed. It never sends anything. It also says whether the search
/// was conclusive — the whole window seen, every execution in it comparable — because only a
/// conclusive search that found nothing is evidence of absence.
/// </summary>
internal sealed class LostRunReconciler(EigenpalClient client, IOptions<SenderOptions> options)
{
    public async Task<(ExecutionSummary? Match, bool Conclusive)> FindAsync(
        NpgsqlConnection connection, string workflow, DateTimeOffset sentAt, JsonObject input, IReadOnlyList<SubmissionFile> files, CancellationToken ct)
    {
        var settings = options.Value;
        // Open-ended: the request may have left well after the attempt row was written (a wait
        // for the rate limit, a retry after a refused connection).
        var query = new ExecutionListQuery { From = sentAt - settings.ReconcileClockSkew, Limit = 100 };

        var candidates = new List<ExecutionSummary>();
        var conclusive = true;
        var scanned = 0;
        await foreach (var execution in client.Workflows.Executions.ListAllAsync(workflow, query, ct))
        {
            switch (TriggerInputMatcher.Match(execution.TriggerInput, input, files))
            {
                case TriggerMatch.Match:
                    candidates.Add(execution);
                    break;
                case TriggerMatch.Unknown:
                    conclusive = false;
                    break;
            }

            if (++scanned >= settings.ReconcileScanLimit)
            {
                conclusive = false;
                break;
            }
        }

        return (await FirstUnclaimedAsync(connection, candidates, ct), conclusive);
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

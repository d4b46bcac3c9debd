using Eigenpal.Reprocessing;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Eigenpal.Worker.Dashboard.Pages.Actions;

/// <summary>
/// "Resubmit now" for one failed submission, through <see cref="FailedResubmitter"/>: the reprocess policy and
/// its guarded move back to pending. The confirm page asks the same door in a transaction that is rolled back,
/// so what it promises (or the refusal it explains) is what the POST will find; the POST writes its audit row
/// in the door's transaction, so the move and its record commit together.
/// </summary>
[Authorize(Policy = AccessPolicies.Operator)]
public sealed class ResubmitModel(SubmissionQueries queries, FailedResubmitter resubmitter, NpgsqlDataSource dataSource) : PageModel
{
    /// <summary>The submission as it is now.</summary>
    public SubmissionSummary Submission { get; private set; } = null!;

    /// <summary>What a resubmission would do now (judged, not done).</summary>
    public ResubmitResult Preview { get; private set; } = null!;

    /// <summary>Shows the confirm page with the door's answer as of now.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id.ToString(), cancellationToken) is not { } detail)
        {
            return NotFound();
        }

        Submission = detail.Submission;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Preview = await resubmitter.ResubmitAsync(connection, id, AuditActor.Of(HttpContext).Describe(), cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return Page();
    }

    /// <summary>Resubmits (or records the refusal), and shows the outcome.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = AuditActor.Of(HttpContext);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ResubmitResult result;
        try
        {
            result = await resubmitter.ResubmitAsync(connection, id, actor.Describe(), cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        var entry = await DashboardAudit.RecordAsync(connection, actor, DashboardActions.Resubmit, DashboardActions.OnSubmission, id,
            result.Resubmitted ? "resubmitted" : DashboardActions.Refused, result.Detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage("/Actions/Outcome", new { id = entry.Id });
    }
}

namespace Eigenpal.Worker.Dashboard.Audit;

/// <summary>One action taken in the dashboard, as <c>eigenpal.dashboard_audit</c> keeps it.</summary>
/// <param name="Id">The row's id; the outcome page after an action is this row.</param>
/// <param name="At">When (database clock).</param>
/// <param name="Actor">The authenticated name, or <c>local</c> for an unauthenticated request from this machine.</param>
/// <param name="RemoteIp">Where the request came from.</param>
/// <param name="Action">What was asked: see <see cref="DashboardActions"/>.</param>
/// <param name="TargetKind"><c>submission</c>, <c>batch</c> or <c>reprocess</c>.</param>
/// <param name="TargetId">The submission or batch, when there is one.</param>
/// <param name="Outcome">What the door answered (<c>cancelled</c>, <c>refused</c>, <c>resubmitted</c>, …).</param>
/// <param name="Detail">Why, or what happens next, in words.</param>
public sealed record AuditEntry(
    Guid Id, DateTimeOffset At, string Actor, string? RemoteIp, string Action, string TargetKind, Guid? TargetId, string Outcome, string? Detail);

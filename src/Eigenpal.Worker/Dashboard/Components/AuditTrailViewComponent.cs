using Eigenpal.Worker.Dashboard.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Eigenpal.Worker.Dashboard.Components;

/// <summary>
/// The audit trail of a submission or a batch: who did what from the dashboard, when, and what came of it.
/// A page includes it with <c>@await Component.InvokeAsync("AuditTrail", new { targetId = id })</c>.
/// </summary>
public sealed class AuditTrailViewComponent(DashboardAudit audit) : ViewComponent
{
    /// <summary>How many actions are shown, newest first.</summary>
    public const int Shown = 50;

    /// <summary>Renders the trail of <paramref name="targetId"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid targetId) =>
        View(ViewPath, await audit.ForTargetAsync(targetId, Shown, HttpContext.RequestAborted));

    private const string ViewPath = "~" + DashboardExtensions.PagesRoot + "/Shared/Components/AuditTrail/Default.cshtml";
}

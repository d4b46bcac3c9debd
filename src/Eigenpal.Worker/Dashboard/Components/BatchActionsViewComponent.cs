using Eigenpal.Worker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Eigenpal.Worker.Dashboard.Components;

/// <summary>
/// The action buttons of a batch page (cancel its unfinished submissions), offered while any is unfinished.
/// Include with <c>@await Component.InvokeAsync("BatchActions", new { batchId, unfinished })</c>.
/// </summary>
public sealed class BatchActionsViewComponent(IAuthorizationService authorization) : ViewComponent
{
    /// <summary>Renders the buttons for the batch.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid batchId, long unfinished)
    {
        var mayAct = (await authorization.AuthorizeAsync(HttpContext.User, HttpContext, AccessPolicies.Operator)).Succeeded;
        IReadOnlyList<(string, string, bool)> offered = unfinished > 0 ? [("Cancel unfinished", $"/batches/{batchId}/cancel", true)] : [];
        return View(ViewPath, new ActionButtons(mayAct, offered));
    }

    private const string ViewPath = "~" + DashboardExtensions.PagesRoot + "/Shared/Components/ActionButtons.cshtml";
}

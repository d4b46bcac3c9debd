using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Access;
using Eigenpal.Worker.Dashboard.Actions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Eigenpal.Worker.Dashboard.Components;

/// <summary>
/// The action buttons of a submission page: each leads to its confirm page, and only the actions its state
/// allows are offered. A viewer sees why there are none. Include with
/// <c>@await Component.InvokeAsync("SubmissionActions", new { submission })</c>.
/// </summary>
public sealed class SubmissionActionsViewComponent(IAuthorizationService authorization) : ViewComponent
{
    /// <summary>Renders the buttons for <paramref name="submission"/>.</summary>
    public async Task<IViewComponentResult> InvokeAsync(SubmissionSummary submission)
    {
        var mayAct = (await authorization.AuthorizeAsync(HttpContext.User, HttpContext, AccessPolicies.Operator)).Succeeded;
        var state = SubmissionStates.TryParse(submission.State, out var known) ? known : (SubmissionState?)null;
        var offered = new List<(string Label, string Href, bool Danger)>();
        if (CancelPlan.For(submission).CanCancel)
        {
            offered.Add(("Cancel", $"/submissions/{submission.Id}/cancel", true));
        }

        if (state == SubmissionState.Failed)
        {
            offered.Add(("Resubmit now", $"/submissions/{submission.Id}/resubmit", false));
        }

        if (state == SubmissionState.Undetermined)
        {
            offered.Add(("Settle", $"/submissions/{submission.Id}/settle", false));
        }

        return View(ViewPath, new ActionButtons(mayAct, offered));
    }

    private const string ViewPath = "~" + DashboardExtensions.PagesRoot + "/Shared/Components/ActionButtons.cshtml";
}

/// <summary>What the action buttons show: whether the user may act, and the actions offered.</summary>
/// <param name="MayAct">False for a viewer: the buttons are replaced by a note.</param>
/// <param name="Offered">Label, confirm page and whether it destroys something, per action.</param>
public sealed record ActionButtons(bool MayAct, IReadOnlyList<(string Label, string Href, bool Danger)> Offered);

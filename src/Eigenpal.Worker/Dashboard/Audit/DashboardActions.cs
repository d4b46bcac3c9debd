namespace Eigenpal.Worker.Dashboard.Audit;

/// <summary>The names actions are audited under (<c>dashboard_audit.action</c>).</summary>
public static class DashboardActions
{
    /// <summary>Cancel one submission.</summary>
    public const string CancelSubmission = "cancel-submission";

    /// <summary>Cancel every unfinished submission of a batch.</summary>
    public const string CancelBatch = "cancel-batch";

    /// <summary>Resubmit one failed submission now.</summary>
    public const string Resubmit = "resubmit";

    /// <summary>Settle an undetermined submission.</summary>
    public const string Settle = "settle";

    /// <summary>Trigger the <c>reprocess-failed</c> recurring job now.</summary>
    public const string TriggerReprocess = "trigger-reprocess";

    /// <summary>An action on one submission (<c>target_kind</c>).</summary>
    public const string OnSubmission = "submission";

    /// <summary>An action on a batch (<c>target_kind</c>).</summary>
    public const string OnBatch = "batch";

    /// <summary>An action on reprocessing as a whole (<c>target_kind</c>).</summary>
    public const string OnReprocess = "reprocess";

    /// <summary>The outcome recorded when a door refused the action.</summary>
    public const string Refused = "refused";
}

namespace Eigenpal.Reprocessing;

/// <summary>What one reprocess run is asked to do.</summary>
/// <param name="Trigger">What started it.</param>
/// <param name="Selection">Which failures it looks at.</param>
/// <param name="DryRun">True to judge every candidate and write nothing.</param>
public sealed record ReprocessRequest(ReprocessTrigger Trigger, ReprocessSelection Selection, bool DryRun = false);

/// <summary>
/// The optional narrowing of a reprocess run. Unset fields mean: every workflow, every batch, failures
/// of any age (the minimum age still applies), the workflow's maximum attempts, the configured cap.
/// </summary>
/// <param name="Workflow">Only this workflow.</param>
/// <param name="Batch">Only this batch (id or name).</param>
/// <param name="Since">Only failures that ended within this long.</param>
/// <param name="MaxAttempts">Overrides the configured maximum attempts.</param>
/// <param name="Cap">Overrides the configured cap per run.</param>
public sealed record ReprocessSelection(string? Workflow = null, string? Batch = null, TimeSpan? Since = null, int? MaxAttempts = null, int? Cap = null);

/// <summary>One submission that qualified and is moved back to pending, with its spread and its reason.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="Attempt">The failed attempt it was judged on (the guard).</param>
/// <param name="NotBefore">When it may be sent (the run's spread).</param>
/// <param name="Purged">True when it was judged with purged files (a v1 rerun will start it again); otherwise files purged since keep it failed.</param>
/// <param name="Reason">Why: becomes the next attempt's <c>made_because</c>.</param>
public sealed record Reopening(Guid SubmissionId, int Attempt, DateTimeOffset NotBefore, bool Purged, string Reason);

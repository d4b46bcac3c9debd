using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Eigenpal.Submissions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Reprocessing;

/// <summary>
/// Which failed submissions may be resubmitted, and which never will be (so that the retention may
/// purge their files). The API's own <c>retryable</c> flag wins where it was given; otherwise the
/// workflow's rules from <see cref="ReprocessOptions.Workflows"/>; without a matching rule a failure is retryable.
/// </summary>
public sealed class ReprocessPolicy(IOptions<ReprocessOptions> options)
{
    // Patterns are checked at start (ReprocessOptionsValidator); compiled once each.
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// How many attempts <paramref name="workflow"/> allows; a run that asks for a maximum (<c>--max-attempts</c>)
    /// may narrow it, never raise it past the configured one (which the retention also goes by).
    /// </summary>
    public int MaxAttempts(string workflow, int? askedMax = null)
    {
        var configured = Rules(workflow)?.MaxAttempts ?? options.Value.MaxAttempts;
        return askedMax is { } asked ? Math.Min(asked, configured) : configured;
    }

    /// <summary>Whether a failure may be retried, and why (for reports and <c>--dry-run</c>).</summary>
    public Retryability Retryability(string workflow, bool? apiRetryable, string? category, string? error)
    {
        if (apiRetryable is { } told)
        {
            return new Retryability(told, told ? "the API marked it retryable" : "the API marked it not retryable");
        }

        var rules = Rules(workflow);
        if (rules is not null && category is not null && rules.NotRetryableCategories.Contains(category, StringComparer.OrdinalIgnoreCase))
        {
            return new Retryability(false, $"failure category '{category}' is not retryable for {workflow}");
        }

        if (rules?.NotRetryableErrorPattern is { Length: > 0 } pattern && error is not null && Pattern(pattern).IsMatch(error))
        {
            return new Retryability(false, $"the error matches the not-retryable pattern of {workflow}");
        }

        return new Retryability(true, "no rule says otherwise");
    }

    /// <summary>Why <paramref name="candidate"/> is not resubmitted now, or null when it qualifies (the cap aside).</summary>
    public SkipReason? Judge(FailedCandidate candidate, DateTimeOffset now, int? askedMaxAttempts = null)
    {
        switch (candidate.State)
        {
            case SubmissionState.Rejected:
                return SkipReason.Rejected;
            case SubmissionState.Cancelled:
                return SkipReason.Cancelled;
            case SubmissionState.Error:
                return SkipReason.Error;
        }

        if (!Retryability(candidate.Workflow, candidate.Retryable, candidate.FailureCategory, candidate.Error).Retryable)
        {
            return SkipReason.NotRetryable;
        }

        if (candidate.Attempt >= MaxAttempts(candidate.Workflow, askedMaxAttempts))
        {
            return SkipReason.MaxAttempts;
        }

        if (candidate.InputsMissing is not null)
        {
            return SkipReason.InputsNotStored;
        }

        if (candidate.FilesPurged && !candidate.CanRerun)
        {
            return SkipReason.InputsPurged;
        }

        return now - candidate.FailedAt < options.Value.MinAge ? SkipReason.TooRecent : null;
    }

    /// <summary>
    /// True when no reprocess run will ever take this submission again: it completed, ended in a state
    /// reprocessing never takes, or failed for good (not retryable, out of attempts).
    /// </summary>
    public bool IsDoneForGood(SubmissionState state, string workflow, int attempt, bool? apiRetryable, string? category, string? error) => state switch
    {
        SubmissionState.Completed or SubmissionState.Rejected or SubmissionState.Cancelled or SubmissionState.Error => true,
        SubmissionState.Failed => attempt >= MaxAttempts(workflow) || !Retryability(workflow, apiRetryable, category, error).Retryable,
        _ => false,
    };

    private WorkflowReprocessRules? Rules(string workflow) =>
        options.Value.Workflows.TryGetValue(workflow, out var rules) ? rules : null;

    private Regex Pattern(string pattern) =>
        _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}

/// <summary>Whether a failure may be retried, and the rule that said so.</summary>
public sealed record Retryability(bool Retryable, string Why);

/// <summary>A submission whose latest attempt ended without completing, as the reprocess selection reads it.</summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="State">Its state: failed (the only one that may qualify), rejected, cancelled or error.</param>
/// <param name="Workflow">Its workflow.</param>
/// <param name="Attempt">Its number of attempts so far (the failed one is the latest).</param>
/// <param name="Retryable">The API's <c>observability.failure.retryable</c>, when it was given.</param>
/// <param name="FailureCategory">The API's failure category, when given.</param>
/// <param name="Error">The recorded error text.</param>
/// <param name="FailedAt">When the failed attempt ended.</param>
/// <param name="FilesPurged">True when any of its stored files were purged.</param>
/// <param name="InputsMissing">Why its inputs were never stored here (imports), or null.</param>
/// <param name="CanRerun">True when a purged submission's latest run is a v1 run that a rerun can start again from.</param>
public sealed record FailedCandidate(
    Guid SubmissionId, SubmissionState State, string Workflow, int Attempt, bool? Retryable, string? FailureCategory, string? Error,
    DateTimeOffset FailedAt, bool FilesPurged, string? InputsMissing, bool CanRerun);

namespace Eigenpal.Reprocessing;

/// <summary>Why a failed submission was not resubmitted by a reprocess run; reported grouped by reason.</summary>
public enum SkipReason
{
    /// <summary>Its latest attempt was rejected by the workflow: running it again gives the same answer.</summary>
    Rejected,

    /// <summary>It was cancelled: someone decided it should not run.</summary>
    Cancelled,

    /// <summary>It could not be submitted (bad input, unknown workflow, refused): sending it again fails the same way.</summary>
    Error,

    /// <summary>The API said the failure is not retryable, or a configured rule did.</summary>
    NotRetryable,

    /// <summary>The submission has had as many attempts as its workflow allows.</summary>
    MaxAttempts,

    /// <summary>The failure is younger than <see cref="ReprocessOptions.MinAge"/>.</summary>
    TooRecent,

    /// <summary>Its stored files were purged (retention) and no earlier v1 run can be rerun in their place.</summary>
    InputsPurged,

    /// <summary>Its inputs were never stored here (an imported run whose input held files).</summary>
    InputsNotStored,

    /// <summary>It qualified, but the run's cap was reached: the next run takes it.</summary>
    OverTheCap,

    /// <summary>It qualified, but by the time it was moved another run (or an operator) had taken it.</summary>
    TakenMeanwhile,
}

/// <summary>Names of <see cref="SkipReason"/> as reports and the command print them.</summary>
public static class SkipReasons
{
    private static readonly Dictionary<string, SkipReason> ByName = Enum.GetValues<SkipReason>().ToDictionary(r => r.Name(), StringComparer.Ordinal);

    /// <summary>Every reason, in the order reports list them.</summary>
    public static IReadOnlyList<SkipReason> All { get; } = Enum.GetValues<SkipReason>();

    /// <summary>The reason reported as <paramref name="name"/>, or null for a name this version does not know.</summary>
    public static SkipReason? FromName(string name) => ByName.TryGetValue(name, out var reason) ? reason : null;

    /// <summary>The reported name: <c>not retryable</c>, <c>max attempts</c>, …</summary>
    public static string Name(this SkipReason reason) => reason switch
    {
        SkipReason.Rejected => "rejected",
        SkipReason.Cancelled => "cancelled",
        SkipReason.Error => "error",
        SkipReason.NotRetryable => "not retryable",
        SkipReason.MaxAttempts => "max attempts",
        SkipReason.TooRecent => "too recent",
        SkipReason.InputsPurged => "inputs purged",
        SkipReason.InputsNotStored => "inputs not stored",
        SkipReason.OverTheCap => "over the cap",
        SkipReason.TakenMeanwhile => "taken meanwhile",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

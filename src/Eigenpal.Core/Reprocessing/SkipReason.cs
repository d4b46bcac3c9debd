namespace Eigenpal.Reprocessing;

/// <summary>Why a failed submission was not resubmitted by a reprocess run; reported grouped by reason.</summary>
public enum SkipReason
{
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
}

/// <summary>Names of <see cref="SkipReason"/> as reports and the command print them.</summary>
public static class SkipReasons
{
    /// <summary>Every reason, in the order reports list them.</summary>
    public static IReadOnlyList<SkipReason> All { get; } = Enum.GetValues<SkipReason>();

    /// <summary>The reported name: <c>not retryable</c>, <c>max attempts</c>, …</summary>
    public static string Name(this SkipReason reason) => reason switch
    {
        SkipReason.NotRetryable => "not retryable",
        SkipReason.MaxAttempts => "max attempts",
        SkipReason.TooRecent => "too recent",
        SkipReason.InputsPurged => "inputs purged",
        SkipReason.InputsNotStored => "inputs not stored",
        SkipReason.OverTheCap => "over the cap",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

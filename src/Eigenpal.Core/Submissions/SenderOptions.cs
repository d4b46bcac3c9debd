using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Submissions;

/// <summary>How submissions are sent (section <c>Eigenpal:Sender</c>).</summary>
public sealed class SenderOptions
{
    /// <summary>
    /// How long after reconciliation of an attempt began a missing execution still counts as
    /// "maybe not visible yet". Past it, a conclusive search that finds nothing leads to a new
    /// attempt, and an inconclusive one marks the submission undetermined. It should exceed the
    /// API client's request timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnknownOutcomeSettleTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A submission left "sending" this long (its sender may have died) is handed to a reconciler.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How far before and after the send time the workflow's executions are searched for a lost run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many listed executions are examined when reconciling one attempt.</summary>
    [Range(100, 1_000_000)]
    public int ReconcileScanLimit { get; set; } = 5_000;

    /// <summary>Delay before a submission whose send failed transiently (but certainly created nothing) is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}

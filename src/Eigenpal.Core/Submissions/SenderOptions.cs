using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Submissions;

/// <summary>How submissions are sent (section <c>Eigenpal:Sender</c>).</summary>
public sealed class SenderOptions
{
    /// <summary>
    /// How long after an attempt was sent a missing execution still counts as "maybe not
    /// visible yet". Past it, an attempt that reconciliation cannot match is marked
    /// undetermined. It must exceed the API client's request timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnknownOutcomeSettleTime { get; set; } = TimeSpan.FromSeconds(90);

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

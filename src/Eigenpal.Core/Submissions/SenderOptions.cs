using System.ComponentModel.DataAnnotations;

namespace Eigenpal.Submissions;

/// <summary>How submissions are sent and lost runs reconciled (section <c>Eigenpal:Sender</c>).</summary>
public sealed class SenderOptions
{
    /// <summary>
    /// How long after reconciliation of an attempt began a missing execution still counts as
    /// "maybe not visible yet". Only past it (and past the request's deadline) does a complete
    /// listing without a candidate prove the run was never created, or a single candidate get adopted
    /// on a name or on silence; a matching content hash is adopted at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnknownOutcomeSettleTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A submission left "sending" this long (its sender may have died) is handed to a reconciler.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Margin added on both sides of a lost run's search window, beyond the measured offset of the
    /// API's clock (its <c>Date</c> header may come from another machine than its <c>createdAt</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReconcileClockSkew { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Stands for the API clock's offset before any answer has carried a <c>Date</c> header.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UnmeasuredClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long reconciliation of one attempt may keep failing to complete (listings failing or
    /// cut short, another attempt never answering) before the submission is marked undetermined.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan MaxReconcileDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first wait before a reconciliation that could not decide is tried again; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReconcileRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay before a submission whose send failed transiently (but certainly created nothing) is tried again; it doubles per consecutive failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two tries of a send or a reconciliation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After this many consecutive failures of the same kind before the request left (the rate
    /// limiter's database unreachable, a body that cannot be encoded), the submission ends in
    /// error with the reason. An unreachable API is an outage, not such a failure: it only delays.
    /// </summary>
    [Range(1, 1000)]
    public int MaxSendFailures { get; set; } = 5;

    /// <summary>The wait before try number <paramref name="failures"/> + 1: <paramref name="first"/> doubled per earlier failure, capped.</summary>
    internal TimeSpan Backoff(TimeSpan first, int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var ticks = Math.Min(first.Ticks * factor, MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Eigenpal.Telemetry;

/// <summary>
/// The worker's own instruments, on the meter <see cref="MeterName"/>. They are recorded where the
/// event happens (the one door for attempts, the limiter, the poller, the reconciler), which are plain
/// classes often created without DI, so the instruments are static: recording on an instrument nobody
/// listens to costs a branch. The gauges that read the store (submissions by state, relay backlog,
/// queue depth) are observed by the worker's host on a meter of the same name.
/// Tags carry workflow names, states, outcomes and endpoint templates only: never a key, an input or an id.
/// </summary>
public static class EigenpalMetrics
{
    /// <summary>The meter name to listen to (<c>AddMeter</c>).</summary>
    public const string MeterName = "Eigenpal.Worker";

    private static readonly Meter Meter = new(MeterName, typeof(EigenpalMetrics).Assembly.GetName().Version?.ToString(3));

    private static readonly Counter<long> AttemptsStarted = Meter.CreateCounter<long>(
        "eigenpal.attempts.started", "{attempt}", "Attempts committed just before their run request left (one per remote run asked for).");

    private static readonly Counter<long> AttemptsFinished = Meter.CreateCounter<long>(
        "eigenpal.attempts.finished", "{attempt}", "Attempts seen reaching a final remote status by a poll, per workflow and status.");

    private static readonly Counter<long> RateLimitedAnswers = Meter.CreateCounter<long>(
        "eigenpal.api.rate_limited", "{response}", "429 answers this process received from the API.");

    private static readonly Counter<double> PauseImposed = Meter.CreateCounter<double>(
        "eigenpal.api.pause", "s", "Pause time the 429s this process received imposed on the fleet (Retry-After, or the default).");

    private static readonly Histogram<double> PollCycleDuration = Meter.CreateHistogram<double>(
        "eigenpal.poll.cycle.duration", "s", "Duration of one poll cycle: claim, list/get calls and recording, per claimed chunk.");

    private static readonly Histogram<double> DetectionLag = Meter.CreateHistogram<double>(
        "eigenpal.detection.lag", "s", "From the run's remote completion time to the moment its row recorded the final status.");

    private static readonly Counter<long> Reconciliations = Meter.CreateCounter<long>(
        "eigenpal.reconciliations", "{pass}", "Reconciliation passes over attempts whose answer was lost, per outcome.");

    /// <summary>An attempt was committed and its run request is about to leave.</summary>
    public static void AttemptStarted(string workflow, string surface) =>
        AttemptsStarted.Add(1, new TagList { { "workflow", workflow }, { "surface", surface } });

    /// <summary>A poll recorded a final status for an attempt; <paramref name="lag"/> is the detection lag when the API said when it ended.</summary>
    public static void AttemptFinished(string workflow, string status, TimeSpan? lag)
    {
        var tags = new TagList { { "workflow", workflow }, { "status", status } };
        AttemptsFinished.Add(1, tags);
        if (lag is { } value)
        {
            // A clock slightly ahead of ours can make the remote time later than ours: that is no lag.
            DetectionLag.Record(Math.Max(0, value.TotalSeconds), new TagList { { "workflow", workflow } });
        }
    }

    /// <summary>The API answered 429 and the fleet is told to pause for <paramref name="pause"/>.</summary>
    public static void RateLimited(TimeSpan pause)
    {
        RateLimitedAnswers.Add(1);
        PauseImposed.Add(pause.TotalSeconds);
    }

    /// <summary>One poll cycle over a claimed chunk ended.</summary>
    public static void PollCycle(TimeSpan duration) => PollCycleDuration.Record(duration.TotalSeconds);

    /// <summary>A reconciliation pass ended with <paramref name="outcome"/> (adopted, not_created, undetermined, waiting).</summary>
    public static void Reconciled(string outcome) => Reconciliations.Add(1, new TagList { { "outcome", outcome } });
}

using System.Diagnostics;

namespace Eigenpal.Telemetry;

/// <summary>
/// One trace per submission: intake → send → polls. A submission is handled by different jobs and
/// processes over hours, so no in-memory parent can carry the trace: the intake span's W3C
/// <c>traceparent</c> is stored with the submission (<c>submissions.trace_parent</c>), and each send and
/// poll span starts from it. Nothing is created, and nothing stored, unless someone listens to
/// <see cref="SourceName"/> (<see cref="ActivitySource.HasListeners"/>), so tracing costs nothing by default.
/// Span attributes name the submission, workflow, attempt and outcome: never the key, an input or file bytes.
/// </summary>
public static class EigenpalTracing
{
    /// <summary>The activity source to listen to (<c>AddSource</c>).</summary>
    public const string SourceName = "Eigenpal.Worker";

    private static readonly ActivitySource Source = new(SourceName, typeof(EigenpalTracing).Assembly.GetName().Version?.ToString(3));

    /// <summary>Whether spans are wanted at all.</summary>
    public static bool Enabled => Source.HasListeners();

    /// <summary>
    /// Starts the intake span of one submission as the root of a trace of its own, whatever is current
    /// (a batch of 5,000 must be 5,000 traces, not one). Null when no one listens.
    /// </summary>
    public static Activity? StartIntake(string workflow, string? batchName)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = Source.StartActivity("eigenpal.intake", ActivityKind.Producer, default(ActivityContext));
            activity?.SetTag("eigenpal.workflow", workflow);
            activity?.SetTag("eigenpal.batch", batchName);
            return activity;
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>
    /// Starts a span of the submission whose stored <c>traceparent</c> is <paramref name="traceParent"/>; it
    /// becomes current, so the HTTP calls made under it nest in it. Null when no one listens or the
    /// submission was recorded without a trace.
    /// </summary>
    public static Activity? StartForSubmission(string name, string? traceParent, Guid submissionId, ActivityKind kind = ActivityKind.Internal) =>
        Parent(traceParent) is { } parent
            ? Source.StartActivity(name, kind, parent)?.SetTag("eigenpal.submission_id", submissionId.ToString())
            : null;

    /// <summary>
    /// Records a finished span of the submission (a poll, which is decided for a whole chunk at once) from
    /// <paramref name="start"/> to now, leaving whatever is current as it was.
    /// </summary>
    public static void RecordForSubmission(string name, string? traceParent, Guid submissionId, DateTimeOffset start, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        if (Parent(traceParent) is not { } parent)
        {
            return;
        }

        var current = Activity.Current;
        try
        {
            using var activity = Source.StartActivity(name, ActivityKind.Client, parent, tags, links: null, startTime: start);
            activity?.SetTag("eigenpal.submission_id", submissionId.ToString());
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private static ActivityContext? Parent(string? traceParent) =>
        traceParent is not null && Source.HasListeners() && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            ? parent
            : null;
}

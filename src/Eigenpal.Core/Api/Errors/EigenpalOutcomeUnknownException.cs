namespace Eigenpal.Api;

/// <summary>
/// A run request (a start, or a v1 rerun) may have reached the server, but its answer was lost: the attempt timed out, the server
/// answered 5xx, the connection dropped after the request was sent, or a success answer could not be read.
/// An execution may or may not exist. The client never retries this; re-submitting blindly may run the
/// workflow twice. Reconcile first, e.g. by listing the workflow's executions created around <see cref="SentAt"/>
/// and matching their <c>triggerInput</c>. <see cref="Exception.InnerException"/> says what happened.
/// </summary>
public sealed class EigenpalOutcomeUnknownException : EigenpalException
{
    /// <summary>Creates the error with no details.</summary>
    public EigenpalOutcomeUnknownException()
        : this("the outcome of the run request is unknown")
    {
    }

    /// <summary>Creates the error with no details.</summary>
    /// <param name="message">The message.</param>
    public EigenpalOutcomeUnknownException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates the error with no workflow.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EigenpalOutcomeUnknownException(string message, Exception? innerException)
        : base(message, StatusOf(innerException), null, null, innerException)
    {
        WorkflowId = string.Empty;
    }

    /// <summary>Creates the error for a run of <paramref name="workflowId"/> sent at <paramref name="sentAt"/>.</summary>
    /// <param name="workflowId">The workflow id or slug the run was sent for.</param>
    /// <param name="sentAt">When the request was sent.</param>
    /// <param name="innerException">What went wrong: an <see cref="EigenpalException"/> for an answer, or the transport error.</param>
    public EigenpalOutcomeUnknownException(string workflowId, DateTimeOffset sentAt, Exception innerException)
        : base(
            $"the run request for workflow '{workflowId}' sent at {sentAt:O} may or may not have created an execution ({innerException?.Message}); reconcile before submitting again",
            StatusOf(innerException),
            (innerException as EigenpalException)?.RequestId,
            (innerException as EigenpalException)?.Envelope,
            innerException)
    {
        WorkflowId = workflowId;
        SentAt = sentAt;
    }

    /// <summary>
    /// Creates the error for a v1 rerun of <paramref name="sourceRunId"/> sent at <paramref name="sentAt"/>. A rerun
    /// names no workflow, so <see cref="WorkflowId"/> is empty and <see cref="SourceRunId"/> is set.
    /// </summary>
    /// <param name="sourceRunId">The run that was rerun.</param>
    /// <param name="sentAt">When the request was sent.</param>
    /// <param name="innerException">What went wrong.</param>
    /// <returns>The error.</returns>
    public static EigenpalOutcomeUnknownException ForRerun(string sourceRunId, DateTimeOffset sentAt, Exception innerException) =>
        new(
            $"the rerun request for run '{sourceRunId}' sent at {sentAt:O} may or may not have created a run ({innerException?.Message}); reconcile before rerunning again",
            innerException,
            sourceRunId,
            sentAt);

    private EigenpalOutcomeUnknownException(string message, Exception? innerException, string sourceRunId, DateTimeOffset sentAt)
        : base(message, StatusOf(innerException), (innerException as EigenpalException)?.RequestId, (innerException as EigenpalException)?.Envelope, innerException)
    {
        WorkflowId = string.Empty;
        SourceRunId = sourceRunId;
        SentAt = sentAt;
    }

    /// <summary>The workflow id or slug (legacy) or the target (v1, e.g. <c>workflows.extract-invoice</c>) the run was sent for; empty for a rerun.</summary>
    public string WorkflowId { get; }

    /// <summary>For a v1 rerun, the run it reruns; <see langword="null"/> for a start.</summary>
    public string? SourceRunId { get; }

    /// <summary>When the run request was sent (client clock).</summary>
    public DateTimeOffset SentAt { get; }

    private static int StatusOf(Exception? inner) => (inner as EigenpalException)?.StatusCode ?? 0;
}

using Eigenpal.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Submissions;

/// <summary>The sender's log events (event ids 210-221).</summary>
public sealed partial class SubmissionSender
{
    [LoggerMessage(EventId = 210, EventName = "Submitted", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt} sent to {Workflow}: execution {ExecutionId}")]
    private static partial void LogSubmitted(ILogger logger, Guid submissionId, int attempt, string workflow, string executionId);

    [LoggerMessage(EventId = 211, EventName = "Refused", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} refused by {Workflow}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid submissionId, string workflow, string reason);

    [LoggerMessage(EventId = 212, EventName = "OutcomeUnknown", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId}: the run request to {Workflow} may have reached the API ({Failure}); reconciling")]
    private static partial void LogOutcomeUnknown(ILogger logger, Guid submissionId, string workflow, string failure);

    [LoggerMessage(EventId = 213, EventName = "Reconciled", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt} reconciled to execution {ExecutionId} (evidence {Evidence})")]
    private static partial void LogReconciled(ILogger logger, Guid submissionId, int attempt, string executionId, Evidence evidence);

    [LoggerMessage(EventId = 214, EventName = "Undetermined", Level = LogLevel.Error,
        Message = "Submission {SubmissionId} attempt {Attempt} is undetermined ({Why}); it is not resent automatically")]
    private static partial void LogUndetermined(ILogger logger, Guid submissionId, int attempt, string why);

    [LoggerMessage(EventId = 215, EventName = "ReconcileWaiting", Level = LogLevel.Information,
        Message = "Submission {SubmissionId} attempt {Attempt} cannot be decided yet ({Reason}); looking again in {DelaySeconds:0.#} s")]
    private static partial void LogAwaiting(ILogger logger, Guid submissionId, int attempt, string reason, double delaySeconds);

    [LoggerMessage(EventId = 216, EventName = "NotCreated", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} attempt {Attempt} never reached the API (no possible execution after the settle time); it will be sent again as a new attempt")]
    private static partial void LogNotCreated(ILogger logger, Guid submissionId, int attempt);

    [LoggerMessage(EventId = 217, EventName = "NotSent", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId} was not sent (failure {Failures} of at most {MaxFailures}): {Reason}")]
    private static partial void LogNotSent(ILogger logger, Guid submissionId, int failures, int maxFailures, string reason);

    [LoggerMessage(EventId = 219, EventName = "LateAnswer", Level = LogLevel.Error,
        Message = "Submission {SubmissionId} attempt {Attempt}: the API answered with execution {ExecutionId} after another sender had decided the attempt; check that execution")]
    private static partial void LogLateAnswer(ILogger logger, Guid submissionId, int attempt, string executionId);

    [LoggerMessage(EventId = 221, EventName = "RecordRetry", Level = LogLevel.Warning,
        Message = "Submission {SubmissionId}: recording execution {ExecutionId} failed ({Error}); trying again on a new connection")]
    private static partial void LogRecordRetry(ILogger logger, Guid submissionId, string executionId, string error);

    [LoggerMessage(EventId = 218, EventName = "AttemptAlreadyDecided", Level = LogLevel.Warning,
        Message = "Attempt {AttemptId} (number {Attempt}) was already decided by another sender; this sender's outcome is dropped")]
    private static partial void LogAlreadyDecided(ILogger logger, Guid attemptId, int attempt);
}

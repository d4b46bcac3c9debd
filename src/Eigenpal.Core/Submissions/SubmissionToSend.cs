using System.Text.Json.Nodes;

namespace Eigenpal.Submissions;

/// <summary>A submission as the sender sees it, with its latest attempt if any, and its stored trace context (null unless traced at intake).</summary>
internal sealed record SubmissionToSend(
    Guid Id,
    string Workflow,
    string? Version,
    JsonObject Input,
    SubmissionState State,
    int Attempt,
    bool Due,
    SendingAttempt? CurrentAttempt,
    int SendFailures,
    string? LastSendFailure,
    string? TraceParent = null);

/// <summary>An attempt row whose run request may have reached the API, and the surface it was sent on.</summary>
internal sealed record SendingAttempt(Guid Id, int Attempt, Executions.AttemptState Status, DateTimeOffset SentAt, Surfaces.ApiSurface Surface);

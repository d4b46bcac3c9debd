using Eigenpal.Submissions;
using Npgsql;

namespace Eigenpal.Executions;

/// <summary>
/// One change of an attempt's state, as <see cref="StateChange"/> applies it: the guards that must
/// hold (the state it was seen in, its number, no remote id yet), what else the attempt row records,
/// and — when it is still its submission's current attempt — the submission's new state.
/// </summary>
internal sealed class AttemptChange
{
    /// <summary>The attempt row.</summary>
    public required Guid AttemptId { get; init; }

    /// <summary>The state it moves to.</summary>
    public required AttemptState To { get; init; }

    /// <summary>Who observed or decided the change (a worker, an operator).</summary>
    public required string Observer { get; init; }

    /// <summary>Why: recorded in the history row (unless <see cref="DetailFromError"/>).</summary>
    public string Detail { get; init; } = "";

    /// <summary>The history row's detail is the attempt's new <c>error</c> (computed by SQL in <see cref="AttemptSet"/>).</summary>
    public bool DetailFromError { get; init; }

    /// <summary>Guard: the state the attempt must still be in.</summary>
    public AttemptState? From { get; init; }

    /// <summary>Guard: the attempt's number.</summary>
    public int? Number { get; init; }

    /// <summary>Guard: no execution id recorded yet.</summary>
    public bool WithoutRemoteId { get; init; }

    /// <summary>Guard: more SQL over the attempt row <c>e</c>.</summary>
    public string? Guard { get; init; }

    /// <summary>More <c>column = expression</c> assignments of the attempt row.</summary>
    public IReadOnlyList<string> AttemptSet { get; init; } = [];

    /// <summary>The submission's new state; null leaves the submission as it is.</summary>
    public SubmissionState? Submission { get; init; }

    /// <summary>Guard: the state the submission must still be in.</summary>
    public SubmissionState? SubmissionFrom { get; init; }

    /// <summary>More <c>column = expression</c> assignments of the submission row.</summary>
    public IReadOnlyList<string> SubmissionSet { get; init; } = [];

    /// <summary>The parameters the assignments and guards use.</summary>
    public IReadOnlyList<NpgsqlParameter> Parameters { get; init; } = [];
}

namespace Eigenpal.Submissions.Queries;

/// <summary>An undetermined submission: reconciliation could not tell whether its run was created, so an operator decides (<c>eigenpal resolve</c>).</summary>
/// <param name="Id">The submission id.</param>
/// <param name="SourceName">What a person recognises it by.</param>
/// <param name="Attempt">The undetermined attempt's number.</param>
/// <param name="Candidates">The executions it may be (empty when none could be named).</param>
/// <param name="Since">When it became undetermined.</param>
public sealed record AwaitingDecision(Guid Id, string? SourceName, int Attempt, IReadOnlyList<string> Candidates, DateTimeOffset Since);

namespace Eigenpal.Submissions.Queries;

/// <summary>A reason shared by submissions that did not complete, with how many it concerns.</summary>
/// <param name="State">The state (failed, rejected, error, …).</param>
/// <param name="Reason">The recorded reason.</param>
/// <param name="Count">How many submissions carry it.</param>
public sealed record FailureReason(string State, string Reason, long Count);

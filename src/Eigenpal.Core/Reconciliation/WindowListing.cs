using Eigenpal.Api;

namespace Eigenpal.Reconciliation;

/// <summary>What listing one window found, and whether the listing proves that nothing else is in it.</summary>
/// <param name="Executions">Every distinct execution seen whose <c>createdAt</c> lies in the window.</param>
/// <param name="Complete">True only if every page of every part of the window was read and the counts agree with <c>total</c>.</param>
/// <param name="Problem">Why the listing is incomplete, when it is.</param>
/// <param name="Calls">List calls made.</param>
public sealed record WindowListing(IReadOnlyList<ExecutionSummary> Executions, bool Complete, string? Problem, int Calls);

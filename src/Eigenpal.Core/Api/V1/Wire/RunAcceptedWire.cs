namespace Eigenpal.Api.V1.Wire;

/// <summary>The RunAccepted answer of a start or rerun: <c>{id, type, finished}</c> (and <c>source</c>, unused).</summary>
internal sealed record RunAcceptedWire(string Id, string Type, bool Finished);

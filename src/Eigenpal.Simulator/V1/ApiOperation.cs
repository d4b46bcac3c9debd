namespace Eigenpal.Simulator.V1;

/// <summary>
/// Endpoint metadata naming the operation of a v1 route. Route names (<c>WithName</c>) must be
/// unique, and each v1 route is mapped under two prefixes, so the name travels as this instead.
/// </summary>
internal sealed record ApiOperation(string Name);

namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>A page of a list: all four keys are required by the SDK.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Data, int Total, int Limit, int Offset);

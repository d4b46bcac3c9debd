namespace Eigenpal.Api.V1;

/// <summary>How a run was started (<c>trigger</c>).</summary>
/// <param name="Type">The trigger kind, an open-ended string such as <c>api</c>; the values are not specified.</param>
public sealed record RunTriggerInfo(string? Type = null);

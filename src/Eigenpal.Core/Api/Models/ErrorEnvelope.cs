namespace Eigenpal.Api;

/// <summary>The JSON body of an error response.</summary>
/// <param name="Issues">What was wrong; may be empty.</param>
/// <param name="RequestId">The server's request id, for support; empty when the body had none.</param>
/// <param name="Hint">A suggested fix for known error patterns.</param>
/// <param name="DocsUrl">A link to relevant documentation.</param>
public sealed record ErrorEnvelope(IReadOnlyList<ApiIssue> Issues, string RequestId, string? Hint = null, string? DocsUrl = null);

namespace Eigenpal.Api;

/// <summary>One problem reported in an <see cref="ErrorEnvelope"/>.</summary>
/// <param name="Field">The JSON path of the bad field, e.g. <c>body.input</c>, or <c>&lt;root&gt;</c>.</param>
/// <param name="Message">Readable text.</param>
/// <param name="Code">A machine code such as <c>invalid_value</c>, <c>not_found</c>, <c>unauthorized</c>, <c>rate_limited</c> or <c>required</c>.</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
public sealed record ApiIssue(string Field, string Message, string Code, string Severity);

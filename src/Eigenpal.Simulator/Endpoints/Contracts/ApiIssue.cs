namespace Eigenpal.Simulator.Endpoints.Contracts;

/// <summary>One problem in an error envelope; <c>field</c> is a JSON path such as <c>body.input.contract_document</c>.</summary>
internal sealed record ApiIssue(string Field, string Message, string Code, string Severity = "error");

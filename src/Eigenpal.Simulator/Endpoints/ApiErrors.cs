using Eigenpal.Simulator.Endpoints.Contracts;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>Builds error answers in the envelope the SDK decodes: <c>{issues, requestId, hint?}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Error(HttpContext context, int status, string field, string message, string code, string? hint = null) =>
        TypedResults.Json(
            new ErrorEnvelope([new ApiIssue(field, message, code)], context.TraceIdentifier, hint),
            SimulatorJson.Options,
            contentType: null,
            statusCode: status);

    public static IResult Validation(HttpContext context, string field, string message, string code = "invalid_value") =>
        Error(context, StatusCodes.Status400BadRequest, field, message, code);

    /// <summary>A 400 with one <c>invalid_value</c> issue per problem, all on <paramref name="field"/>.</summary>
    public static IResult Problems(HttpContext context, string field, IEnumerable<string> messages) =>
        TypedResults.Json(
            new ErrorEnvelope([.. messages.Select(m => new ApiIssue(field, m, "invalid_value"))], context.TraceIdentifier),
            SimulatorJson.Options,
            contentType: null,
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(HttpContext context, string field, string message) =>
        Error(context, StatusCodes.Status404NotFound, field, message, "not_found");

    public static IResult WorkflowNotFound(HttpContext context, string id) =>
        NotFound(context, "path.id", $"Workflow '{id}' was not found.");

    public static IResult ExecutionNotFound(HttpContext context, string id) =>
        NotFound(context, "path.executionId", $"Execution '{id}' was not found.");
}

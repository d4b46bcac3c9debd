namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// The names of the API's endpoints, used as route names, in the request counters and to scope faults.
/// They follow the official SDK's operation names.
/// </summary>
public static class EndpointNames
{
    /// <summary><c>GET /api/v1/workflows</c></summary>
    public const string ListWorkflows = "listWorkflows";

    /// <summary><c>GET /api/v1/workflows/{id}</c></summary>
    public const string GetWorkflow = "getWorkflow";

    /// <summary><c>GET /api/v1/workflows/{id}/versions</c></summary>
    public const string ListVersions = "listVersions";

    /// <summary><c>POST /api/v1/workflows/{id}/run</c></summary>
    public const string RunWorkflow = "runWorkflow";

    /// <summary><c>GET /api/v1/workflows/executions/{executionId}</c></summary>
    public const string GetExecution = "getExecution";

    /// <summary><c>GET /api/v1/workflows/{id}/executions</c></summary>
    public const string ListExecutions = "listExecutions";

    /// <summary><c>POST /api/v1/workflows/executions/{executionId}/cancel</c></summary>
    public const string CancelExecution = "cancelExecution";

    /// <summary>The legacy endpoint names, in the order above.</summary>
    public static IReadOnlyList<string> Legacy { get; } =
        [ListWorkflows, GetWorkflow, ListVersions, RunWorkflow, GetExecution, ListExecutions, CancelExecution];

    /// <summary>Every endpoint name: the legacy ones above, then those of <see cref="V1.V1EndpointNames"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Legacy, .. V1.V1EndpointNames.All];
}

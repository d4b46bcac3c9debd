using Eigenpal.Api.Http;

namespace Eigenpal.Api;

/// <summary>The workflow endpoints: list, get, versions and run. Obtain it from <see cref="EigenpalClient.Workflows"/>.</summary>
public sealed class WorkflowsClient
{
    private readonly EigenpalTransport _transport;

    internal WorkflowsClient(EigenpalTransport transport)
    {
        _transport = transport;
        Executions = new ExecutionsClient(transport, this);
    }

    /// <summary>The execution endpoints: get, list, cancel, and run-and-wait.</summary>
    public ExecutionsClient Executions { get; }

    /// <summary>Lists the workflows the API key can access, one page at a time (<c>GET /api/v1/workflows</c>).</summary>
    /// <param name="query">Filters and paging; unset values are left out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<PagedList<WorkflowSummary>> ListAsync(WorkflowListQuery? query = null, CancellationToken cancellationToken = default)
    {
        var builder = new QueryBuilder()
            .Add("search", query?.Search)
            .Add("name", query?.Name)
            .Add("kind", query?.Kind switch { WorkflowKind.Workflow => "workflow", WorkflowKind.Block => "block", _ => null })
            .Add("limit", query?.Limit)
            .Add("offset", query?.Offset);
        return _transport.SendAsync(
            new ApiRequest(HttpMethod.Get, "/api/v1/workflows", builder.Build()),
            EigenpalJsonContext.Default.PagedListWorkflowSummary,
            cancellationToken);
    }

    /// <summary>Gets one workflow (<c>GET /api/v1/workflows/{id}</c>).</summary>
    /// <param name="workflowId">The workflow id, e.g. <c>wf_abc123</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalNotFoundException">No such workflow.</exception>
    public Task<WorkflowDetail> GetAsync(string workflowId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(HttpMethod.Get, $"/api/v1/workflows/{QueryBuilder.Segment(workflowId)}"),
            EigenpalJsonContext.Default.WorkflowDetail,
            cancellationToken);

    /// <summary>Lists a workflow's released versions, newest first (<c>GET /api/v1/workflows/{id}/versions</c>).</summary>
    /// <param name="workflowId">The workflow id.</param>
    /// <param name="limit">Page size; the server default is 50 and its maximum 100.</param>
    /// <param name="offset">Page offset.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<PagedList<WorkflowVersion>> VersionsAsync(string workflowId, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(
                HttpMethod.Get,
                $"/api/v1/workflows/{QueryBuilder.Segment(workflowId)}/versions",
                new QueryBuilder().Add("limit", limit).Add("offset", offset).Build()),
            EigenpalJsonContext.Default.PagedListWorkflowVersion,
            cancellationToken);

    /// <summary>
    /// Queues one execution of a workflow (<c>POST /api/v1/workflows/{id}/run</c>), as JSON or, when an input
    /// is a <see cref="RunFile"/>, as multipart. The request is never retried blindly: only a 429 is retried
    /// (when <see cref="EigenpalClientOptions.RetryRateLimited"/>), and a connection that could not be opened.
    /// </summary>
    /// <param name="workflowId">The workflow id (<c>wf_…</c>) or its slug.</param>
    /// <param name="request">Inputs and options.</param>
    /// <param name="cancellationToken">Cancels the call. Cancelling after the request was sent leaves its outcome unknown.</param>
    /// <returns>The execution id, and the outcome when the server waited for it.</returns>
    /// <exception cref="EigenpalOutcomeUnknownException">The request may have created an execution but its answer was lost; reconcile, do not resubmit blindly.</exception>
    /// <exception cref="EigenpalRateLimitException">Rate limited and not retried; nothing was created.</exception>
    /// <exception cref="EigenpalValidationException">The inputs were rejected; nothing was created.</exception>
    public Task<RunResponse> RunAsync(string workflowId, RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segment = QueryBuilder.Segment(workflowId);
        if (request.WaitForCompletionSeconds is < 1 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.WaitForCompletionSeconds, "wait_for_completion must be between 1 and 60 seconds.");
        }

        var apiRequest = new ApiRequest(
            HttpMethod.Post,
            $"/api/v1/workflows/{segment}/run",
            new QueryBuilder().Add("version", request.Version).Add("wait_for_completion", request.WaitForCompletionSeconds).Build())
        {
            Content = ct => RunContent.CreateAsync(request, ct),
            RunWorkflowId = workflowId,
            WaitForCompletionSeconds = request.WaitForCompletionSeconds,
        };
        return _transport.SendAsync(apiRequest, EigenpalJsonContext.Default.RunResponse, cancellationToken);
    }
}

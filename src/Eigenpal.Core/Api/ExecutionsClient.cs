using System.Runtime.CompilerServices;
using System.Text.Json;
using Eigenpal.Api.Http;

namespace Eigenpal.Api;

/// <summary>The execution endpoints. Obtain it from <see cref="WorkflowsClient.Executions"/>.</summary>
public sealed class ExecutionsClient
{
    /// <summary>The default interval between polls of <see cref="RunAndWaitAsync"/>.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default deadline of <see cref="RunAndWaitAsync"/>.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(300);

    private readonly EigenpalTransport _transport;
    private readonly WorkflowsClient _workflows;

    internal ExecutionsClient(EigenpalTransport transport, WorkflowsClient workflows)
    {
        _transport = transport;
        _workflows = workflows;
    }

    /// <summary>Gets the state of one execution (<c>GET /api/v1/workflows/executions/{executionId}</c>).</summary>
    /// <param name="executionId">The execution id.</param>
    /// <param name="includeSteps">Ask for the per-step payload (<c>includeSteps=true</c>); an answer shaped like a list item is accepted too.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalNotFoundException">No such execution.</exception>
    public async Task<ExecutionStatusResponse> GetAsync(string executionId, bool includeSteps = false, CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest(
            HttpMethod.Get,
            $"/api/v1/workflows/executions/{QueryBuilder.Segment(executionId)}",
            includeSteps ? "includeSteps=true" : null);
        if (!includeSteps)
        {
            return await _transport.SendAsync(request, EigenpalJsonContext.Default.ExecutionStatusResponse, cancellationToken);
        }

        var (status, body, requestId, _) = await _transport.SendForBodyAsync(request, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && !document.RootElement.TryGetProperty("executionId", out _)
                && document.RootElement.TryGetProperty("id", out _))
            {
                var item = document.RootElement.Deserialize(EigenpalJsonContext.Default.ExecutionSummary)
                    ?? throw new JsonException("The response body was JSON null.");
                return new ExecutionStatusResponse(item.Id, item.Status, item.CreatedAt, item.CompletedAt, item.Result, item.Error);
            }

            return document.RootElement.Deserialize(EigenpalJsonContext.Default.ExecutionStatusResponse)
                ?? throw new JsonException("The response body was JSON null.");
        }
        catch (JsonException ex)
        {
            throw new EigenpalException($"could not decode the answer to GET {request.Path} ({status}): {ex.Message}", status, requestId, null, ex);
        }
    }

    /// <summary>Lists a workflow's executions, one page at a time (<c>GET /api/v1/workflows/{id}/executions</c>).</summary>
    /// <param name="workflowId">The workflow id.</param>
    /// <param name="query">Filters and paging; unset values are left out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<PagedList<ExecutionSummary>> ListAsync(string workflowId, ExecutionListQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(HttpMethod.Get, $"/api/v1/workflows/{QueryBuilder.Segment(workflowId)}/executions", BuildListQuery(query, query?.Offset)),
            EigenpalJsonContext.Default.PagedListExecutionSummary,
            cancellationToken);

    /// <summary>
    /// Lists every execution matching <paramref name="query"/>, page after page, starting at its offset.
    /// Paging stops when the reported total is reached or a page comes back empty. A short page does not end
    /// the listing while the total says more exist, so a server that caps the page size is handled.
    /// </summary>
    /// <param name="workflowId">The workflow id.</param>
    /// <param name="query">Filters; its <see cref="ExecutionListQuery.Limit"/> is the page size.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async IAsyncEnumerable<ExecutionSummary> ListAllAsync(
        string workflowId,
        ExecutionListQuery? query = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = query?.Offset ?? 0;
        var path = $"/api/v1/workflows/{QueryBuilder.Segment(workflowId)}/executions";
        while (true)
        {
            var page = await _transport.SendAsync(
                new ApiRequest(HttpMethod.Get, path, BuildListQuery(query, offset)),
                EigenpalJsonContext.Default.PagedListExecutionSummary,
                cancellationToken);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            offset += page.Data.Count;
            if (page.Data.Count == 0 || offset >= page.Total)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Cancels an execution (<c>POST /api/v1/workflows/executions/{executionId}/cancel</c>). Idempotent, so
    /// transient failures are retried. A running execution stops at its next checkpoint.
    /// </summary>
    /// <param name="executionId">The execution id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<CancelResponse> CancelAsync(string executionId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(HttpMethod.Post, $"/api/v1/workflows/executions/{QueryBuilder.Segment(executionId)}/cancel") { Idempotent = true },
            EigenpalJsonContext.Default.CancelResponse,
            cancellationToken);

    /// <summary>
    /// Runs a workflow and polls the execution until it ends, like the official SDK's <c>run_and_wait</c>:
    /// the first poll comes straight after the run is accepted, then one every <paramref name="pollInterval"/>.
    /// Costs one call per poll; to track many executions, run them and poll the list instead.
    /// </summary>
    /// <param name="workflowId">The workflow id or slug.</param>
    /// <param name="request">Inputs and options.</param>
    /// <param name="pollInterval">The wait between polls (default 2 s).</param>
    /// <param name="timeout">The deadline, counted from the run's acceptance (default 300 s).</param>
    /// <param name="cancellationToken">Cancels waiting (the execution itself is not cancelled).</param>
    /// <exception cref="EigenpalTimeoutException">The deadline passed; the execution is still going and was not cancelled.</exception>
    public async Task<ExecutionResult> RunAndWaitAsync(
        string workflowId,
        RunRequest request,
        TimeSpan? pollInterval = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? DefaultPollInterval;
        var deadline = timeout ?? DefaultWaitTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero, nameof(pollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(deadline, TimeSpan.Zero, nameof(timeout));

        var run = await _workflows.RunAsync(workflowId, request, cancellationToken);
        if (run.Status is { } runStatus && runStatus.IsTerminal())
        {
            return new ExecutionResult(run.ExecutionId, runStatus, run.Result, run.Error);
        }

        var time = _transport.Time;
        var started = time.GetTimestamp();
        while (true)
        {
            if (time.GetElapsedTime(started) >= deadline)
            {
                throw new EigenpalTimeoutException(run.ExecutionId, deadline);
            }

            var state = await GetAsync(run.ExecutionId, includeSteps: false, cancellationToken);
            if (state.Status.IsTerminal())
            {
                return new ExecutionResult(state.ExecutionId, state.Status, state.Result, state.Error);
            }

            await Task.Delay(interval, time, cancellationToken);
        }
    }

    private static string? BuildListQuery(ExecutionListQuery? query, int? offset) => new QueryBuilder()
        .AddList("status", query?.Statuses?.Select(s => s.ToWireName()))
        .Add("fromDate", query?.From?.ToString())
        .Add("toDate", query?.To?.ToString())
        .Add("exampleId", query?.ExampleId)
        .Add("limit", query?.Limit)
        .Add("offset", offset)
        .Build();
}

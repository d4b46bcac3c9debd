using System.Runtime.CompilerServices;
using Eigenpal.Api;
using Eigenpal.Polling;
using Eigenpal.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Surfaces;

/// <summary>The workflows surface of SDK 0.6.9 (<c>/api/v1/workflows/…</c>): files travel inside each run request, and list items carry everything.</summary>
internal sealed class LegacySurface(EigenpalClient client, TimeProvider time, ILogger logger) : IRunSurface
{
    private readonly WindowLister _lister = new(client, time, logger);

    public ApiSurface Kind => ApiSurface.Legacy;

    public async Task<StartedRun> StartAsync(RunToStart run, CancellationToken ct)
    {
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in run.Scalars)
        {
            input[name] = value?.DeepClone();
        }

        foreach (var file in run.Files)
        {
            input[file.InputName] = RunFile.FromBytes(file.Content, file.FileName, file.ContentType);
        }

        var response = await client.Workflows.RunAsync(run.Workflow, new RunRequest { Input = input, Version = run.Version, Trigger = RunTrigger.Api }, ct);
        return new StartedRun(response.ExecutionId, response.Status, response.Result, response.Error);
    }

    public async Task<ExecutionObservation> GetAsync(string remoteId, CancellationToken ct) =>
        ExecutionObservation.From(await client.Workflows.Executions.GetAsync(remoteId, includeSteps: false, ct));

    public async IAsyncEnumerable<IReadOnlyList<ListedRun>> ListCreatedAsync(
        string workflow, DateTimeOffset from, DateTimeOffset to, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = new ExecutionListQuery { From = from, To = to, Limit = pageSize };
        var page = new List<ListedRun>(pageSize);
        var yielded = false;
        await foreach (var item in client.Workflows.Executions.ListAllAsync(workflow, query, ct))
        {
            // A list item carries no observability: only a get tells a failure's category and whether
            // it is retryable, which reprocessing goes by.
            page.Add(new ListedRun(item.Id, ExecutionObservation.From(item), NeedsGet: item.Status == ExecutionStatus.Failed));
            if (page.Count == pageSize)
            {
                yield return page;
                yielded = true;
                page = new List<ListedRun>(pageSize);
            }
        }

        if (page.Count > 0 || !yielded)
        {
            yield return page;
        }
    }

    public Task<WindowListing> ListWindowAsync(string workflow, ReconcileWindow window, CancellationToken ct) =>
        _lister.ListAsync(workflow, window, ct);

    public Task<RunEchoes> ReadEchoesAsync(IReadOnlyList<ExecutionSummary> candidates, CancellationToken ct) =>
        Task.FromResult(new RunEchoes(candidates, new Dictionary<string, Guid>(), null));

    public Task<CancelResponse> CancelAsync(string remoteId, CancellationToken ct) =>
        client.Workflows.Executions.CancelAsync(remoteId, ct);
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Polling;
using Eigenpal.Reconciliation;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Surfaces;

/// <summary>
/// The runs surface of SDK 0.8 and later. A start references its files by <c>$fileId</c> (uploaded
/// once beforehand, see <see cref="V1FileUploads"/>) and carries <see cref="RunMetadata"/>, which a
/// get with <c>expand=input</c> shows back, so a lost start is recognised exactly. List items carry
/// no output: a completed run is read by a get.
/// </summary>
internal sealed class V1Surface : IRunSurface
{
    private const int EchoConcurrency = 4;

    private readonly EigenpalClient _client;
    private readonly SurfaceSelection _selection;
    private readonly AutomationDirectory _automations;
    private readonly V1WindowLister _lister;
    private readonly FileReferencePlacement _placement;
    private readonly string? _rerunVersion;

    public V1Surface(EigenpalClient client, ApiSurfaceOptions options, SurfaceSelection selection, TimeProvider time, ILogger logger)
    {
        _client = client;
        _selection = selection;
        _automations = new AutomationDirectory(client.Automations, selection.Automations);
        _lister = new V1WindowLister(client.Runs, time, logger);
        _placement = string.Equals(options.FileReferences, "files", StringComparison.OrdinalIgnoreCase) ? FileReferencePlacement.FilesMap : FileReferencePlacement.Input;
        // "latest" is the service's default and is left out, as the SDK does.
        _rerunVersion = string.Equals(options.RerunVersion, "latest", StringComparison.OrdinalIgnoreCase) ? null : options.RerunVersion;
    }

    public ApiSurface Kind => ApiSurface.V1;

    /// <summary>The client whose runs, files and automations routes this surface calls.</summary>
    public EigenpalClient Client => _client;

    public Task<AutomationRef> ResolveAsync(string workflow, CancellationToken ct) => _automations.ResolveAsync(workflow, ct);

    public async Task<StartedRun> StartAsync(RunToStart run, CancellationToken ct)
    {
        if (run.RerunOf is { } source)
        {
            // A rerun starts from the inputs the service stored for the source run; it takes no body, so no metadata.
            return Started(await _client.Runs.RerunAsync(source, new RerunRequest { Version = _rerunVersion }, ct));
        }

        var automation = await _automations.ResolveAsync(run.Workflow, ct);
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in run.Scalars)
        {
            input[name] = value?.DeepClone();
        }

        foreach (var file in run.Files)
        {
            input[file.InputName] = run.UploadedFileIds.TryGetValue(file.InputName, out var fileId)
                ? new FileReference(fileId)
                : RunFile.FromBytes(file.Content, file.FileName, file.ContentType);
        }

        return Started(await _client.Runs.StartAsync(new RunStartRequest
        {
            Target = automation.Target,
            Input = input,
            Metadata = run.Metadata.ToJson(),
            Version = run.Version,
            FileReferencesIn = _placement,
        }, ct));
    }

    public async Task<ExecutionObservation> GetAsync(string remoteId, CancellationToken ct) =>
        V1Mapping.ToObservation(await _client.Runs.GetAsync(remoteId, RunExpand.Debug, ct));

    public async IAsyncEnumerable<IReadOnlyList<ListedRun>> ListCreatedAsync(
        string workflow, DateTimeOffset from, DateTimeOffset to, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var automation = await _automations.ResolveAsync(workflow, ct);
        var query = new RunListQuery { Type = "workflow", Source = automation.Id, CreatedAfter = from, CreatedBefore = to, Limit = pageSize };
        await foreach (var page in PagesAsync(automation, query, ct))
        {
            yield return page;
        }
    }

    /// <summary>
    /// The workflow's runs that ended after <paramref name="completedAfter"/> (the <c>completedAfter</c>
    /// filter and a status filter of the four terminal statuses), a page at a time, cursor to the end.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ListedRun>> ListCompletedAsync(
        string workflow, DateTimeOffset completedAfter, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        var automation = await _automations.ResolveAsync(workflow, ct);
        var query = new RunListQuery
        {
            Type = "workflow",
            Source = automation.Id,
            Statuses = [ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled, ExecutionStatus.Rejected],
            CompletedAfter = completedAfter,
            Limit = pageSize,
        };
        await foreach (var page in PagesAsync(automation, query, ct))
        {
            yield return [.. page.Where(r => r.Observation.Status.IsTerminal())];
        }
    }

    /// <summary>
    /// The pages of a runs listing, cursor after cursor until <c>nextCursor</c> is null (or comes back
    /// again: a looping server ends the listing instead of holding it). Runs of other workflows, which
    /// a server that ignores <c>source</c> returns, are dropped; a completed run needs a get for its output.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<ListedRun>> PagesAsync(AutomationRef automation, RunListQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var page = await _client.Runs.ListAsync(query with { Cursor = cursor }, ct);
            yield return [.. page.Runs
                .Where(r => r.Source.Id == automation.Id)
                .Select(r => new ListedRun(r.Id, V1Mapping.ToObservation(r), NeedsGet: r.Execution.Status is ExecutionStatus.Completed or ExecutionStatus.Failed))];
            if (page.NextCursor is null || !cursors.Add(page.NextCursor))
            {
                yield break;
            }

            cursor = page.NextCursor;
        }
    }

    public async Task<WindowListing> ListWindowAsync(string workflow, ReconcileWindow window, CancellationToken ct) =>
        await _lister.ListAsync(await _automations.ResolveAsync(workflow, ct), window, ct);

    /// <summary>
    /// Reads each candidate with <c>expand=input</c>: its metadata (who started it) and its arguments
    /// (for the legacy evidence rules when a server drops metadata). A candidate that cannot be read
    /// is kept without an echo and named in <see cref="RunEchoes.Problem"/>; a 404 means the run is gone.
    /// </summary>
    public async Task<RunEchoes> ReadEchoesAsync(IReadOnlyList<ExecutionSummary> candidates, CancellationToken ct)
    {
        var read = new ExecutionSummary[candidates.Count];
        var named = new ConcurrentDictionary<string, Guid>(StringComparer.Ordinal);
        var retryOf = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var unnamed = new ConcurrentBag<string>();
        var unread = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Count), new ParallelOptions { MaxDegreeOfParallelism = EchoConcurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var candidate = candidates[i];
                try
                {
                    var run = await _client.Runs.GetAsync(candidate.Id, RunExpand.Input, token);
                    if (RunMetadata.AttemptNamedBy(run.Input?.Metadata) is { } attemptId)
                    {
                        named[candidate.Id] = attemptId;
                    }
                    else
                    {
                        unnamed.Add(candidate.Id);
                    }

                    if (run.Execution.Retry?.PreviousRunId is { Length: > 0 } previous)
                    {
                        retryOf[candidate.Id] = previous;
                    }

                    read[i] = candidate with { TriggerInput = run.Input?.Args };
                }
                catch (Exception ex) when (ex is EigenpalNotFoundException || Reconciliation.PageRetry.IsTransient(ex))
                {
                    read[i] = candidate;
                    unread.Add($"{candidate.Id} ({ex.Message})");
                }
            });
        return new RunEchoes(read, named, unread.IsEmpty ? null : "could not read the metadata of " + string.Join(", ", unread.Order(StringComparer.Ordinal)), retryOf, [.. unnamed]);
    }

    /// <summary>
    /// Whether this service echoes start metadata, asked once per process of a run this worker started
    /// (<paramref name="knownRunId"/>, whose start carried <paramref name="knownAttemptId"/>): if its metadata
    /// names that attempt, a run without our metadata cannot be one of our starts.
    /// </summary>
    public async Task<bool> EchoesMetadataAsync(string knownRunId, Guid knownAttemptId, CancellationToken ct)
    {
        if (_selection.MetadataEchoed is { } known)
        {
            return known;
        }

        var run = await _client.Runs.GetAsync(knownRunId, RunExpand.Input, ct);
        var echoed = RunMetadata.AttemptNamedBy(run.Input?.Metadata) == knownAttemptId;
        _selection.MetadataEchoed = echoed;
        return echoed;
    }

    private static StartedRun Started(RunStarted started) => started.Run is { } body
        ? new StartedRun(started.Id, body.Execution.Status, body.Output, body.Error)
        : new StartedRun(started.Id, null, null, null);

    public async Task<CancelResponse> CancelAsync(string remoteId, CancellationToken ct) =>
        V1Mapping.ToCancel(await _client.Runs.CancelAsync(remoteId, ct));
}

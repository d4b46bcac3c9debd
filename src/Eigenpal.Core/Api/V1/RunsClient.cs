using System.Runtime.CompilerServices;
using System.Text.Json;
using Eigenpal.Api.Http;
using Eigenpal.Api.V1.Wire;

namespace Eigenpal.Api.V1;

/// <summary>
/// The v1 runs endpoints (<c>{prefix}/runs</c>): start, get, list, cancel and rerun. Obtain it from
/// <see cref="EigenpalClient.Runs"/>. Unlike the official SDK, a start or a rerun is never retried blindly.
/// </summary>
public sealed class RunsClient
{
    private const string TriggerHeader = "X-Eigenpal-Trigger";
    private readonly EigenpalTransport _transport;
    private readonly V1Paths _paths;

    internal RunsClient(EigenpalTransport transport, V1Paths paths)
    {
        _transport = transport;
        _paths = paths;
    }

    /// <summary>
    /// Starts a run (<c>POST {prefix}/runs</c>), as JSON or, when an input is a <see cref="RunFile"/>, as multipart;
    /// sends <c>X-Eigenpal-Trigger</c>. The request is never retried blindly: only a 429 is retried (when
    /// <see cref="EigenpalClientOptions.RetryRateLimited"/>), and a connection that could not be opened.
    /// </summary>
    /// <param name="request">What to run.</param>
    /// <param name="cancellationToken">Cancels the call. Cancelling after the request was sent leaves its outcome unknown.</param>
    /// <returns>The new run's id, and the whole run when the server answered with one (it waited).</returns>
    /// <exception cref="EigenpalOutcomeUnknownException">
    /// The request may have created a run but its answer was lost (timeout, 5xx, dropped connection, an
    /// undecodable 2xx); <see cref="EigenpalOutcomeUnknownException.WorkflowId"/> is the target. Reconcile, do not resubmit blindly.
    /// </exception>
    /// <exception cref="EigenpalRateLimitException">Rate limited and not retried; nothing was created.</exception>
    /// <exception cref="EigenpalValidationException">The inputs were rejected; nothing was created.</exception>
    /// <exception cref="EigenpalForbiddenException">API starts are off for the automation, or the key lacks the scope.</exception>
    public Task<RunStarted> StartAsync(RunStartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Target, nameof(request));
        if (request.Target.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The target '{request.Target}' carries a version suffix; put the version in RunStartRequest.Version.", nameof(request));
        }

        var apiRequest = new ApiRequest(HttpMethod.Post, _paths.Runs, VersionAndWait(request.Version, request.WaitForCompletionSeconds))
        {
            Content = ct => RunStartContent.CreateAsync(request, ct),
            RunWorkflowId = request.Target,
            WaitForCompletionSeconds = request.WaitForCompletionSeconds,
            Headers = new Dictionary<string, string> { [TriggerHeader] = request.Trigger == RunTrigger.Cli ? "cli" : "api" },
        };
        return _transport.SendAsync(apiRequest, RunStartAnswer.Decode, cancellationToken);
    }

    /// <summary>Gets one run (<c>GET {prefix}/runs/{id}</c>), with the sections of <paramref name="expand"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="expand">The optional sections; <see cref="RunExpand.Input"/> shows the arguments and metadata the run started with.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalNotFoundException">No such run.</exception>
    public Task<Run> GetAsync(string runId, RunExpand expand = RunExpand.None, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(HttpMethod.Get, _paths.Run(runId), new QueryBuilder().AddList("expand", ExpandTokens(expand)).Build()),
            V1JsonContext.Default.Run,
            cancellationToken);

    /// <summary>Lists one page of runs (<c>GET {prefix}/runs</c>); the page's <see cref="RunsPage.NextCursor"/> leads to the next.</summary>
    /// <param name="query">Filters, page size and cursor; unset values are left out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<RunsPage> ListAsync(RunListQuery? query = null, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(HttpMethod.Get, _paths.Runs, RunListQueryEncoder.Encode(query, query?.Cursor)),
            V1JsonContext.Default.RunsPage,
            cancellationToken);

    /// <summary>
    /// Lists every run matching <paramref name="query"/>, following <c>nextCursor</c> until it is null. A short or
    /// empty page that carries a cursor does not end the listing (filters such as <c>sampleRate</c> thin pages).
    /// A cursor seen before ends it with an <see cref="EigenpalException"/> instead of looping: the listing would
    /// not be complete, and a caller deciding on absence must not take it as such.
    /// </summary>
    /// <param name="query">Filters and page size; its <see cref="RunListQuery.Cursor"/> is where to start.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <exception cref="EigenpalException">The server returned a cursor it had already returned.</exception>
    public async IAsyncEnumerable<RunListItem> ListAllAsync(RunListQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = query?.Cursor;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (cursor is not null)
        {
            seen.Add(cursor);
        }

        while (true)
        {
            var page = await _transport.SendAsync(
                new ApiRequest(HttpMethod.Get, _paths.Runs, RunListQueryEncoder.Encode(query, cursor)),
                V1JsonContext.Default.RunsPage,
                cancellationToken);
            foreach (var item in page.Runs)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(page.NextCursor))
            {
                yield break;
            }

            if (!seen.Add(page.NextCursor))
            {
                throw new EigenpalException(
                    $"GET {_paths.Runs} returned the cursor '{page.NextCursor}' a second time after {seen.Count} pages: the listing cannot be completed", 200);
            }

            cursor = page.NextCursor;
        }
    }

    /// <summary>
    /// Cancels a run (<c>POST {prefix}/runs/{id}/cancel</c>). Idempotent, so transient failures are retried. A queued
    /// run is cancelled at once; a running one is asked to stop (<see cref="CancellationState.Requested"/>); a finished
    /// one is left alone (<see cref="CancellationState.AlreadyTerminal"/>).
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalNotFoundException">No such run.</exception>
    public Task<RunCancelResponse> CancelAsync(string runId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new ApiRequest(HttpMethod.Post, _paths.Run(runId) + "/cancel") { Idempotent = true },
            (_, body) => (JsonSerializer.Deserialize(body, V1JsonContext.Default.CancelWire)
                ?? throw new JsonException("The response body was JSON null.")).ToResponse(),
            cancellationToken);

    /// <summary>
    /// Starts a new run from the stored input of <paramref name="runId"/> (<c>POST {prefix}/runs/{id}/rerun</c>). The
    /// new run has its own id; where the server fills it, its <c>execution.retry.previousRunId</c> is
    /// <paramref name="runId"/>. It uses the latest version unless <see cref="RerunRequest.Version"/> says
    /// otherwise. Never retried blindly, like <see cref="StartAsync"/>.
    /// </summary>
    /// <param name="runId">The run to rerun.</param>
    /// <param name="request">Version and wait; defaults when omitted.</param>
    /// <param name="cancellationToken">Cancels the call. Cancelling after the request was sent leaves its outcome unknown.</param>
    /// <exception cref="EigenpalOutcomeUnknownException">
    /// The rerun may have created a run but its answer was lost; <see cref="EigenpalOutcomeUnknownException.SourceRunId"/> is <paramref name="runId"/>.
    /// </exception>
    /// <exception cref="EigenpalNotFoundException">No such run.</exception>
    public Task<RunStarted> RerunAsync(string runId, RerunRequest? request = null, CancellationToken cancellationToken = default)
    {
        var path = _paths.Run(runId) + "/rerun";
        var apiRequest = new ApiRequest(HttpMethod.Post, path, VersionAndWait(request?.Version, request?.WaitForCompletionSeconds))
        {
            RerunOfRunId = runId,
            WaitForCompletionSeconds = request?.WaitForCompletionSeconds,
        };
        return _transport.SendAsync(apiRequest, RunStartAnswer.Decode, cancellationToken);
    }

    // "latest" is the server's default; the official SDK leaves it out.
    private static string? VersionAndWait(string? version, int? waitForCompletionSeconds) => new QueryBuilder()
        .Add("version", string.Equals(version, "latest", StringComparison.Ordinal) ? null : version)
        .Add("wait_for_completion", waitForCompletionSeconds)
        .Build();

    private static IEnumerable<string> ExpandTokens(RunExpand expand)
    {
        if (expand.HasFlag(RunExpand.Input))
        {
            yield return "input";
        }

        if (expand.HasFlag(RunExpand.Usage))
        {
            yield return "usage";
        }

        if (expand.HasFlag(RunExpand.Execution))
        {
            yield return "execution";
        }

        if (expand.HasFlag(RunExpand.Debug))
        {
            yield return "debug";
        }
    }
}

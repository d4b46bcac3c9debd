namespace Eigenpal.Api.Http;

/// <summary>One logical API call, before it becomes an <see cref="HttpRequestMessage"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path under the base URL, starting with <c>/api/v1/</c> or the v1 prefix, segments already percent-encoded.</param>
/// <param name="Query">The encoded query string without <c>?</c>, or <see langword="null"/>.</param>
internal sealed record ApiRequest(HttpMethod Method, string Path, string? Query = null)
{
    /// <summary>Creates the body; called once per call (a retried attempt re-sends the same content).</summary>
    public Func<CancellationToken, Task<HttpContent>>? Content { get; init; }

    /// <summary>Whether repeating the request is harmless (GET, cancel); only then are transient failures retried.</summary>
    public bool Idempotent { get; init; }

    /// <summary>
    /// Set for a request that starts a run: the workflow (legacy id or slug, or the v1 target) it runs.
    /// Its lost answers become <see cref="EigenpalOutcomeUnknownException"/>.
    /// </summary>
    public string? RunWorkflowId { get; init; }

    /// <summary>Set for a v1 rerun: the run it reruns. Like a start, its lost answers become <see cref="EigenpalOutcomeUnknownException"/>.</summary>
    public string? RerunOfRunId { get; init; }

    /// <summary>The server-side hold of a synchronous run, added to the attempt timeout.</summary>
    public int? WaitForCompletionSeconds { get; init; }

    /// <summary>
    /// An absolute URL on the API's own origin that replaces base URL + <see cref="Path"/> (a negotiated
    /// upload URL). The caller checks the origin: the request carries the API key.
    /// </summary>
    public Uri? AbsoluteUrl { get; init; }

    /// <summary>Headers added to this request only (e.g. <c>X-Eigenpal-Trigger</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Whether the request may create a run, so that a lost answer leaves its outcome unknown.</summary>
    public bool CreatesRun => RunWorkflowId is not null || RerunOfRunId is not null;
}

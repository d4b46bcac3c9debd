namespace Eigenpal.Api.Http;

/// <summary>One logical API call, before it becomes an <see cref="HttpRequestMessage"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path under the base URL, starting with <c>/api/v1/</c>, segments already percent-encoded.</param>
/// <param name="Query">The encoded query string without <c>?</c>, or <see langword="null"/>.</param>
internal sealed record ApiRequest(HttpMethod Method, string Path, string? Query = null)
{
    /// <summary>Creates the body; called once per call (a retried attempt re-sends the same content).</summary>
    public Func<CancellationToken, Task<HttpContent>>? Content { get; init; }

    /// <summary>Whether repeating the request is harmless (GET, cancel); only then are transient failures retried.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Set for a run request: the workflow it runs. Its lost answers become <see cref="EigenpalOutcomeUnknownException"/>.</summary>
    public string? RunWorkflowId { get; init; }

    /// <summary>The server-side hold of a synchronous run, added to the attempt timeout.</summary>
    public int? WaitForCompletionSeconds { get; init; }
}

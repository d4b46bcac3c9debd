namespace Eigenpal.Api.V1;

/// <summary>Options of <see cref="RunsClient.RerunAsync"/> (<c>POST {prefix}/runs/{id}/rerun</c>, which has no body).</summary>
public sealed record RerunRequest
{
    /// <summary>The value of <see cref="Version"/> that pins the source run's version.</summary>
    public const string OriginalVersion = "original";

    private readonly int? _waitForCompletionSeconds;

    /// <summary>
    /// The version the new run uses (query <c>version</c>): <see cref="OriginalVersion"/> for the source run's
    /// version, or a release tag; unset (or <c>latest</c>) runs the latest, which is the server's default.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>As <see cref="RunStartRequest.WaitForCompletionSeconds"/>: 0 to 600 seconds, unset for an asynchronous rerun.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0..600.</exception>
    public int? WaitForCompletionSeconds
    {
        get => _waitForCompletionSeconds;
        init
        {
            if (value is < 0 or > 600)
            {
                throw new ArgumentOutOfRangeException(nameof(WaitForCompletionSeconds), value, "wait_for_completion must be between 0 and 600 seconds.");
            }

            _waitForCompletionSeconds = value;
        }
    }
}

using System.Text.Json.Nodes;

namespace Eigenpal.Api;

/// <summary>
/// What to run: the inputs and the options of one run request. A request with at least one
/// top-level <see cref="RunFile"/> input is sent as <c>multipart/form-data</c>, otherwise as JSON.
/// Only the values that are set are sent.
/// </summary>
public sealed class RunRequest
{
    private static readonly IReadOnlyDictionary<string, object?> NoInput = new Dictionary<string, object?>();
    private readonly int? _waitForCompletionSeconds;

    /// <summary>
    /// The workflow inputs keyed by input name. A value may be anything System.Text.Json can serialise
    /// (strings, numbers, records, lists, <see cref="JsonNode"/>, <see cref="System.Text.Json.JsonElement"/>),
    /// or a <see cref="RunFile"/>, which is sent as a file part. Files are only recognised at the top level.
    /// Empty means no <c>input</c> key is sent.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Input { get; init; } = NoInput;

    /// <summary>Replacement outputs for individual steps when replaying a run (<c>overrides</c>).</summary>
    public JsonObject? Overrides { get; init; }

    /// <summary>The calling surface (<c>trigger</c>); the server default is <see cref="RunTrigger.Api"/>.</summary>
    public RunTrigger? Trigger { get; init; }

    /// <summary>The version to run: a version id (<c>wfh_…</c>), a release tag or <c>latest</c> (query <c>version</c>).</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Hold the request on the server until the run ends or this many seconds (1 to 60) pass
    /// (query <c>wait_for_completion</c>). Leave unset for an asynchronous run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..60.</exception>
    public int? WaitForCompletionSeconds
    {
        get => _waitForCompletionSeconds;
        init
        {
            if (value is < 1 or > 60)
            {
                throw new ArgumentOutOfRangeException(nameof(WaitForCompletionSeconds), value, "wait_for_completion must be between 1 and 60 seconds.");
            }

            _waitForCompletionSeconds = value;
        }
    }

    /// <summary>Whether any top-level input is a <see cref="RunFile"/>, which makes the request multipart.</summary>
    public bool HasFiles => Input.Values.Any(v => v is RunFile);
}

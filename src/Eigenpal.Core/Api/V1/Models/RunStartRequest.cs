using System.Text.Json.Nodes;

namespace Eigenpal.Api.V1;

/// <summary>
/// What to start (<c>POST {prefix}/runs</c>). Sent as JSON unless a top-level value of <see cref="Input"/> is a
/// <see cref="RunFile"/>; then as multipart/form-data with one <c>files.&lt;name&gt;</c> part per file.
/// </summary>
public sealed record RunStartRequest
{
    private static readonly IReadOnlyDictionary<string, object?> NoInput = new Dictionary<string, object?>();
    private readonly int? _waitForCompletionSeconds;

    /// <summary>The automation to run, <c>workflows.&lt;slug&gt;</c> or <c>agents.&lt;slug&gt;</c>, without a version suffix.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// The arguments keyed by input name. A value may be anything System.Text.Json can serialise (strings,
    /// numbers, records, <see cref="JsonNode"/>, <see cref="System.Text.Json.JsonElement"/>), a <see cref="RunFile"/>
    /// (a file part; top level only), or a <see cref="FileReference"/> (or a list of them) to a file uploaded
    /// beforehand. Sent as <c>input</c>, which is always present (<c>{}</c> when empty).
    /// </summary>
    public IReadOnlyDictionary<string, object?> Input { get; init; } = NoInput;

    /// <summary>
    /// Free-form client metadata (<c>metadata</c>), shown back only as <c>input.metadata</c> by
    /// <see cref="RunsClient.GetAsync"/> with <see cref="RunExpand.Input"/>. Left out when null or empty.
    /// </summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Replacement outputs for individual steps (<c>overrides</c>; workflow runs only). Left out when null or empty.</summary>
    public JsonObject? Overrides { get; init; }

    /// <summary>The version to run (query <c>version</c>): a release tag or git ref; unset (or <c>latest</c>) runs the latest.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Hold the request on the server until the run ends or this many seconds (0 to 600) pass (query
    /// <c>wait_for_completion</c>); the attempt timeout grows by as much. Leave unset for an asynchronous start.
    /// </summary>
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

    /// <summary>Where <see cref="FileReference"/> values go: inside <c>input</c> (default) or in the <c>files</c> map.</summary>
    public FileReferencePlacement FileReferencesIn { get; init; }

    /// <summary>The provenance sent as the <c>X-Eigenpal-Trigger</c> header (default <see cref="RunTrigger.Api"/>).</summary>
    public RunTrigger Trigger { get; init; } = RunTrigger.Api;

    /// <summary>Whether a top-level value of <see cref="Input"/> is a <see cref="RunFile"/>, which makes the request multipart.</summary>
    public bool HasFiles => Input.Values.Any(v => v is RunFile);
}

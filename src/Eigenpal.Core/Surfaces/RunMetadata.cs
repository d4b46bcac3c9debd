using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eigenpal.Surfaces;

/// <summary>
/// The metadata every v1 start carries, naming the submission and the attempt, so that a run whose
/// start response was lost is recognised exactly (DESIGN.md, "Reconciling a lost run"). Values are
/// strings, which any server that keeps metadata at all keeps as they are.
/// </summary>
/// <param name="SubmissionId">The submission.</param>
/// <param name="AttemptId">The attempt row (unique across submissions).</param>
/// <param name="Attempt">The attempt's number.</param>
internal sealed record RunMetadata(Guid SubmissionId, Guid AttemptId, int Attempt)
{
    public const string SubmissionKey = "eigenpal_submission_id";
    public const string AttemptIdKey = "eigenpal_attempt_id";
    public const string AttemptKey = "eigenpal_attempt";

    public JsonObject ToJson() => new()
    {
        [SubmissionKey] = SubmissionId.ToString(),
        [AttemptIdKey] = AttemptId.ToString(),
        [AttemptKey] = Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The attempt a run's echoed metadata names, or null when it names none (no metadata, a server
    /// that drops it, a run another client started): then only the input echo can tell.
    /// </summary>
    public static Guid? AttemptNamedBy(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m
        && m.TryGetProperty(AttemptIdKey, out var value)
        && value.ValueKind == JsonValueKind.String
        && Guid.TryParse(value.GetString(), out var attemptId)
            ? attemptId
            : null;
}

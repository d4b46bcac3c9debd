using System.Text.Json;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// The little the worker reads of a verified event: its type, whether it is a test send, and the run
/// it names (<c>data.run.id</c>). Statuses, output and times in the event are deliberately not read:
/// events come late, twice or out of order, so only a poll decides what is recorded.
/// </summary>
internal sealed record RunEvent(string Type, bool Test, string? RunId)
{
    public const string RunCreated = "run.created";
    public const string RunStatusChanged = "run.status_changed";

    /// <summary>Whether the event is one that makes the worker look at its run now.</summary>
    public bool IsHint => !Test && RunId is not null && Type is RunCreated or RunStatusChanged;

    /// <summary>Reads the envelope; null when the body is not a JSON object with a string <c>type</c>.</summary>
    public static RunEvent? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var test = root.TryGetProperty("test", out var t) && t.ValueKind == JsonValueKind.True;
            string? runId = null;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("run", out var run) && run.ValueKind == JsonValueKind.Object
                && run.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                runId = id.GetString();
            }

            return new RunEvent(type.GetString() ?? "", test, string.IsNullOrEmpty(runId) ? null : runId);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Eigenpal.Simulator.Workflows;

/// <summary>
/// The logic of <c>classify-text</c>: a keyword classifier whose answer depends only on the text,
/// so repeated runs of the same input give the same result.
/// </summary>
internal static class TextClassifier
{
    private static readonly (string Label, string[] Keywords)[] Labels =
    [
        ("invoice", ["invoice", "total", "amount due", "vat"]),
        ("contract", ["contract", "agreement", "party", "clause"]),
        ("complaint", ["complaint", "refund", "broken", "disappointed"]),
    ];

    public static WorkflowOutcome Classify(RunInput input)
    {
        var text = input.Values["text"].GetString() ?? "";
        var lower = text.ToLowerInvariant();
        var (label, hits) = Labels
            .Select(l => (l.Label, Hits: l.Keywords.Count(k => lower.Contains(k, StringComparison.Ordinal))))
            .OrderByDescending(l => l.Hits)
            .First();
        if (hits == 0)
        {
            label = "other";
        }

        var result = new Dictionary<string, object?>
        {
            ["label"] = label,
            ["confidence"] = hits == 0 ? 0.5 : Math.Min(0.99, 0.6 + (0.1 * hits)),
            ["length"] = text.Length,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        };
        return WorkflowOutcome.Success(JsonSerializer.SerializeToElement(result));
    }
}

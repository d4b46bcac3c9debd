using System.Text;
using System.Text.Json.Nodes;
using Eigenpal.Submissions;

namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>Distinct submissions for the simulator's built-in workflows.</summary>
public static class SampleSubmissions
{
    /// <summary><paramref name="count"/> submissions, alternating an invoice document and a text to classify, all with different inputs.</summary>
    public static List<NewSubmission> Mixed(int count, string tag) => Enumerable.Range(0, count)
        .Select(i => i % 2 == 0 ? Invoice(i, tag) : Text(i, tag))
        .ToList();

    public static NewSubmission Invoice(int i, string tag)
    {
        var text = $"Invoice No: INV-{tag}-{i:D5}\nDate: 2026-03-14\nSupplier: Nordwind Logistics GmbH\nTotal: {100 + i}.50 EUR\n";
        return new NewSubmission
        {
            Workflow = "extract-invoice",
            SourceName = $"invoice-{i:D5}.txt",
            Files = [new SubmissionFile("contract_document", $"invoice-{i:D5}.txt", "text/plain", Encoding.UTF8.GetBytes(text))],
        };
    }

    public static NewSubmission Text(int i, string tag) => new()
    {
        Workflow = "classify-text",
        SourceName = $"text-{i:D5}",
        Input = new JsonObject { ["text"] = $"please classify note {tag}-{i}" },
    };
}

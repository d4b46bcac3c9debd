using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Eigenpal.Simulator.Workflows;

/// <summary>
/// The logic of <c>extract-invoice</c>: a result derived from the document's bytes, so that a
/// client can check it got the result of the file it sent (hash, size, page count) and see
/// realistic fields found in the text.
/// </summary>
internal static partial class InvoiceExtractor
{
    /// <summary>The one file input, named as in the official docs' example run of <c>extract-invoice</c>.</summary>
    public const string DocumentInput = "contract_document";

    public static WorkflowOutcome Extract(RunInput input)
    {
        // Configuration may redeclare the inputs (WorkflowBehaviourOptions.Inputs): then the first file is the document.
        var document = input.Files.TryGetValue(DocumentInput, out var named) ? named : input.Files.Values.First();
        int pages;
        string text;
        if (IsPdf(document.Content))
        {
            try
            {
                (pages, text) = ReadPdf(document.Content);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A broken PDF is a property of the input: it fails every time, and retrying will not help.
                return WorkflowOutcome.Failure("input_unreadable", $"The document '{document.FileName}' is not a readable PDF.");
            }
        }
        else
        {
            pages = 1;
            text = Encoding.UTF8.GetString(document.Content);
        }

        var total = TotalPattern().Match(text);
        var result = new Dictionary<string, object?>
        {
            ["fileName"] = document.FileName,
            ["sha256"] = document.Sha256,
            ["sizeBytes"] = document.Content.LongLength,
            ["pages"] = pages,
            ["invoiceNumber"] = Group(InvoiceNumberPattern().Match(text)),
            ["invoiceDate"] = Group(DatePattern().Match(text)),
            ["supplier"] = Group(SupplierPattern().Match(text)),
            ["total"] = total.Success ? ParseAmount(total.Groups["amount"].Value) : null,
            ["currency"] = total.Success ? Currency(total) : null,
        };
        return WorkflowOutcome.Success(JsonSerializer.SerializeToElement(result));
    }

    private static bool IsPdf(byte[] content) =>
        content.Length >= 5 && content.AsSpan(0, 5).SequenceEqual("%PDF-"u8);

    private static (int Pages, string Text) ReadPdf(byte[] content)
    {
        using var pdf = PdfDocument.Open(content);
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            text.AppendLine(ContentOrderTextExtractor.GetText(page));
        }

        return (pdf.NumberOfPages, text.ToString());
    }

    private static string? Group(Match match) => match.Success ? match.Groups[1].Value.Trim() : null;

    private static string? Currency(Match total)
    {
        var code = total.Groups["code"].Success ? total.Groups["code"].Value
            : total.Groups["prefix"].Success ? total.Groups["prefix"].Value
            : null;
        return code switch
        {
            null or "" => null,
            "€" => "EUR",
            "$" => "USD",
            "£" => "GBP",
            _ => code.ToUpperInvariant(),
        };
    }

    /// <summary>Reads 1,234.56 / 1.234,56 / 1234,56 / 1 234.56: the last separator followed by two digits is the decimal point.</summary>
    internal static decimal? ParseAmount(string raw)
    {
        var digits = raw.Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var lastSep = digits.LastIndexOfAny([',', '.']);
        string normalized;
        if (lastSep >= 0 && digits.Length - lastSep - 1 == 2)
        {
            var whole = digits[..lastSep].Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
            normalized = whole + "." + digits[(lastSep + 1)..];
        }
        else
        {
            normalized = digits.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        }

        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [GeneratedRegex(@"\binvoice\s*(?:no\.?|number|nr\.?|#)\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9\-/_.]*[A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InvoiceNumberPattern();

    [GeneratedRegex(@"\b(?:invoice\s+)?date\s*:\s*(\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    // Stops at the end of the line or at the next known label, because PDF text may run lines together.
    [GeneratedRegex(@"\b(?:supplier|vendor|seller)\s*:\s*([^\r\n]+?)\s*(?=$|\r|\n|\b(?:invoice|date|total|supplier)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex SupplierPattern();

    [GeneratedRegex(@"\btotal(?:\s+(?:amount|due))?\s*:\s*(?<prefix>[A-Z]{3}|€|\$|£)?\s*(?<amount>\d[\d.,' ]*\d|\d)\s*(?<code>[A-Z]{3}\b|€|\$|£)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalPattern();
}

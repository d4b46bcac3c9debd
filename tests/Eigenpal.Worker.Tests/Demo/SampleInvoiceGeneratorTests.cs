using System.Globalization;
using System.Text.RegularExpressions;
using Eigenpal.Worker.Demo;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Eigenpal.Worker.Tests.Demo;

public sealed partial class SampleInvoiceGeneratorTests : IDisposable
{
    private const string Money = @"\d{1,3}(?:,\d{3})*\.\d{2}";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eigenpal-invoices-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Writes_the_requested_number_of_one_page_pdfs_named_in_order()
    {
        var paths = new SampleInvoiceGenerator(seed: 1).Generate(_folder, 12);

        Assert.Equal(12, paths.Count);
        Assert.Equal(
            Enumerable.Range(1, 12).Select(i => Path.Combine(Path.GetFullPath(_folder), $"invoice-{i:D4}.pdf")),
            paths);
        foreach (var path in paths)
        {
            using var pdf = PdfDocument.Open(path);
            Assert.Equal(1, pdf.NumberOfPages);
        }
    }

    [Fact]
    public void Every_invoice_carries_each_label_with_a_value()
    {
        var paths = new SampleInvoiceGenerator(seed: 2).Generate(_folder, 20);

        foreach (var invoice in paths.Select(ReadInvoice))
        {
            Assert.Matches(@"^INV-2026-\d{5}$", invoice.Number);
            Assert.True(DateOnly.TryParseExact(invoice.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), invoice.Date);
            Assert.False(string.IsNullOrWhiteSpace(invoice.Supplier));
            Assert.Matches("^(EUR|USD|GBP)$", invoice.Currency);
            Assert.InRange(invoice.Lines.Count, 2, 6);
        }
    }

    [Fact]
    public void Total_is_the_sum_of_the_line_amounts_and_each_amount_is_quantity_times_unit_price()
    {
        var paths = new SampleInvoiceGenerator(seed: 3).Generate(_folder, 40);

        foreach (var invoice in paths.Select(ReadInvoice))
        {
            Assert.All(invoice.Lines, line => Assert.Equal(line.Quantity * line.UnitPrice, line.Amount));
            Assert.Equal(invoice.Lines.Sum(line => line.Amount), invoice.Total);
        }
    }

    [Fact]
    public void The_pdf_text_matches_the_generated_contents()
    {
        var generator = new SampleInvoiceGenerator(seed: 4);
        var paths = generator.Generate(_folder, 10);
        var expected = generator.CreateInvoices(10);

        for (var i = 0; i < paths.Count; i++)
        {
            var read = ReadInvoice(paths[i]);
            Assert.Equal(expected[i].Number, read.Number);
            Assert.Equal(expected[i].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), read.Date);
            Assert.Equal(expected[i].Supplier.Name, read.Supplier);
            Assert.Equal(expected[i].Total, read.Total);
            Assert.Equal(expected[i].Currency, read.Currency);
            Assert.Equal(expected[i].Lines.Select(line => line.Description), read.Lines.Select(line => line.Description));
        }
    }

    [Fact]
    public void Invoice_numbers_do_not_repeat_within_a_batch()
    {
        var invoices = new SampleInvoiceGenerator(seed: 5).CreateInvoices(5000);

        Assert.Equal(invoices.Count, invoices.Select(invoice => invoice.Number).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_text()
    {
        var first = new SampleInvoiceGenerator(seed: 42).Generate(Path.Combine(_folder, "a"), 5);
        var second = new SampleInvoiceGenerator(seed: 42).Generate(Path.Combine(_folder, "b"), 5);

        Assert.Equal(first.Select(ReadText), second.Select(ReadText));
    }

    [Fact]
    public void Different_seeds_give_different_invoices()
    {
        var first = new SampleInvoiceGenerator(seed: 42).Generate(Path.Combine(_folder, "a"), 5).Select(ReadText).ToList();
        var second = new SampleInvoiceGenerator(seed: 43).Generate(Path.Combine(_folder, "b"), 5).Select(ReadText).ToList();

        Assert.All(first.Zip(second), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Uses_all_three_currencies_and_two_to_six_lines_across_a_batch()
    {
        var invoices = new SampleInvoiceGenerator(seed: 6).CreateInvoices(200);

        Assert.Equal(["EUR", "GBP", "USD"], invoices.Select(invoice => invoice.Currency).Distinct().Order());
        Assert.Equal([2, 3, 4, 5, 6], invoices.Select(invoice => invoice.Lines.Count).Distinct().Order());
    }

    [Fact]
    public void A_cancelled_token_stops_before_writing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new SampleInvoiceGenerator(seed: 8).Generate(_folder, 3, cts.Token));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_count_of_zero_writes_nothing_and_a_negative_count_is_rejected()
    {
        var generator = new SampleInvoiceGenerator(seed: 9);

        Assert.Empty(generator.Generate(_folder, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(_folder, -1));
    }

    private static string ReadText(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return ContentOrderTextExtractor.GetText(pdf.GetPage(1));
    }

    private static ReadInvoiceText ReadInvoice(string path)
    {
        var text = ReadText(path);
        var total = TotalLine().Match(text);
        Assert.True(total.Success, $"no Total line in {path}:\n{text}");
        return new ReadInvoiceText(
            Single(InvoiceNoLine(), text, path),
            Single(DateLine(), text, path),
            Single(SupplierLine(), text, path),
            ParseMoney(total.Groups["amount"].Value),
            total.Groups["currency"].Value,
            [.. ItemLine().Matches(text).Select(match => new ReadLine(
                match.Groups["description"].Value,
                int.Parse(match.Groups["qty"].Value, CultureInfo.InvariantCulture),
                ParseMoney(match.Groups["unit"].Value),
                ParseMoney(match.Groups["amount"].Value)))]);
    }

    private static string Single(Regex regex, string text, string path)
    {
        var matches = regex.Matches(text);
        Assert.True(matches.Count == 1, $"expected one match of {regex} in {path}:\n{text}");
        return matches[0].Groups["value"].Value.Trim();
    }

    private static decimal ParseMoney(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Invoice No: (?<value>\S+)\r?$", RegexOptions.Multiline)]
    private static partial Regex InvoiceNoLine();

    [GeneratedRegex(@"^Date: (?<value>\S+)\r?$", RegexOptions.Multiline)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^Supplier: (?<value>.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex SupplierLine();

    [GeneratedRegex(@"^Total: (?<amount>" + Money + @") (?<currency>[A-Z]{3})\r?$", RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^(?<description>\S.*?) (?<qty>\d+) (?<unit>" + Money + ") (?<amount>" + Money + @")\r?$", RegexOptions.Multiline)]
    private static partial Regex ItemLine();

    private sealed record ReadInvoiceText(string Number, string Date, string Supplier, decimal Total, string Currency, IReadOnlyList<ReadLine> Lines);

    private sealed record ReadLine(string Description, int Quantity, decimal UnitPrice, decimal Amount);
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using Eigenpal.Simulator.Tests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>extract-invoice reads real PDFs: page count and labelled fields come from the file.</summary>
public sealed class InvoiceExtractionTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private static byte[] Pdf(params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 750.0;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new PdfPoint(50, y), font);
                y -= 20;
            }
        }

        return builder.Build();
    }

    private async Task<System.Text.Json.Nodes.JsonObject> ExtractAsync(byte[] bytes, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "contract_document", fileName);
        var (response, body) = await fixture.Api.PostAsync($"{Base}/extract-invoice/run?wait_for_completion=10", form);
        Assert.Equal(201, (int)response.StatusCode);
        return body;
    }

    [Fact]
    public async Task Pdf_invoice_fields_and_page_count_are_extracted()
    {
        var pdf = Pdf(
            ["ACME invoice", "Invoice No: INV-2026-0042", "Date: 2026-02-14", "Supplier: ACME GmbH"],
            ["Total: 1.234,56 EUR"]);
        var body = await ExtractAsync(pdf, "inv-42.pdf", "application/pdf");
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        var result = body["result"]!;
        Assert.Equal(2, result["pages"]!.GetValue<int>());
        Assert.Equal("INV-2026-0042", result["invoiceNumber"]!.GetValue<string>());
        Assert.Equal("2026-02-14", result["invoiceDate"]!.GetValue<string>());
        Assert.Equal("ACME GmbH", result["supplier"]!.GetValue<string>());
        Assert.Equal(1234.56m, result["total"]!.GetValue<decimal>());
        Assert.Equal("EUR", result["currency"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), result["sha256"]!.GetValue<string>());
        Assert.Equal(pdf.Length, result["sizeBytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Missing_fields_are_null()
    {
        var body = await ExtractAsync("just a note"u8.ToArray(), "note.txt", "text/plain");
        var result = body["result"]!.AsObject();
        Assert.Null(result["invoiceNumber"]);
        Assert.True(result.ContainsKey("invoiceNumber"));
        Assert.Null(result["total"]);
        Assert.Equal(1, result["pages"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unreadable_pdf_fails_with_a_permanent_input_failure()
    {
        var body = await ExtractAsync("%PDF-1.7 this is not a pdf"u8.ToArray(), "broken.pdf", "application/pdf");
        Assert.Equal("failed", body["status"]!.GetValue<string>());
        Assert.Contains("input_unreadable", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
        var failure = (await fixture.Api.ExecutionAsync(body["executionId"]!.GetValue<string>()))["observability"]!["failure"]!;
        Assert.False(failure["retryable"]!.GetValue<bool>());
        Assert.Equal("input", failure["category"]!.GetValue<string>());
    }
}

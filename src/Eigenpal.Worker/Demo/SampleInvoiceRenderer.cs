using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Eigenpal.Worker.Demo;

/// <summary>
/// Lays out a <see cref="SampleInvoice"/> on one A4 page with PDFsharp. Every labelled field is drawn
/// as one string (for example <c>Invoice No: INV-2026-00042</c>) so that text extraction returns the
/// label and its value together on one line, which is what the regex-based extractor looks for.
/// </summary>
internal sealed class SampleInvoiceRenderer
{
    private const double Left = 56;
    private const double Right = 539;
    private const double QuantityRight = 370;
    private const double UnitPriceRight = 455;
    private const double RowHeight = 20;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly XColor Accent = XColor.FromArgb(31, 78, 121);

    private readonly XFont _title = new(DemoFontResolver.FamilyName, 22, XFontStyleEx.Bold);
    private readonly XFont _heading = new(DemoFontResolver.FamilyName, 14, XFontStyleEx.Bold);
    private readonly XFont _bold = new(DemoFontResolver.FamilyName, 10, XFontStyleEx.Bold);
    private readonly XFont _body = new(DemoFontResolver.FamilyName, 10, XFontStyleEx.Regular);
    private readonly XFont _small = new(DemoFontResolver.FamilyName, 8, XFontStyleEx.Regular);
    private readonly XBrush _accentBrush = new XSolidBrush(Accent);
    private readonly XPen _rule = new(XColors.Gray, 0.5);

    /// <summary>Writes the invoice as a one-page PDF file at <paramref name="path"/>, replacing any file there.</summary>
    public void Render(SampleInvoice invoice, string path)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        document.Info.Author = invoice.Supplier.Name;
        document.Info.Creator = "eigenpal demo";
        document.Info.CreationDate = invoice.Date.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);

        var page = document.AddPage();
        page.Size = PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            DrawHeader(gfx, invoice);
            var y = DrawFields(gfx, invoice, 200);
            y = DrawLines(gfx, invoice, y + 28);
            DrawTotal(gfx, invoice, y + 10);
            DrawFooter(gfx, page.Height.Point);
        }

        document.Save(path);
    }

    private void DrawHeader(XGraphics gfx, SampleInvoice invoice)
    {
        var supplier = invoice.Supplier;
        gfx.DrawString(supplier.Name, _heading, _accentBrush, Left, 70);
        gfx.DrawString(supplier.Street, _body, XBrushes.Black, Left, 88);
        gfx.DrawString(supplier.City, _body, XBrushes.Black, Left, 102);
        gfx.DrawString(supplier.Country, _body, XBrushes.Black, Left, 116);
        DrawRight(gfx, "INVOICE", _title, _accentBrush, Right, 72);
        gfx.DrawLine(_rule, Left, 140, Right, 140);
    }

    private double DrawFields(XGraphics gfx, SampleInvoice invoice, double y)
    {
        string[] fields =
        [
            $"Invoice No: {invoice.Number}",
            $"Date: {invoice.Date.ToString("yyyy-MM-dd", Invariant)}",
            $"Supplier: {invoice.Supplier.Name}",
            $"Customer ID: {invoice.CustomerId}",
            $"Currency: {invoice.Currency}",
        ];
        gfx.DrawString("Bill to", _bold, XBrushes.Black, 340, 170);
        gfx.DrawString("Eigenpal Demo Customer", _body, XBrushes.Black, 340, 186);
        gfx.DrawString("Accounts Payable", _body, XBrushes.Black, 340, 200);

        y -= 30;
        foreach (var field in fields)
        {
            gfx.DrawString(field, _body, XBrushes.Black, Left, y);
            y += 16;
        }

        return y;
    }

    private double DrawLines(XGraphics gfx, SampleInvoice invoice, double y)
    {
        gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(232, 238, 245)), Left, y - 14, Right - Left, RowHeight);
        gfx.DrawString("Description", _bold, XBrushes.Black, Left + 4, y);
        DrawRight(gfx, "Qty", _bold, XBrushes.Black, QuantityRight, y);
        DrawRight(gfx, "Unit price", _bold, XBrushes.Black, UnitPriceRight, y);
        DrawRight(gfx, "Amount", _bold, XBrushes.Black, Right - 4, y);

        foreach (var line in invoice.Lines)
        {
            y += RowHeight;
            gfx.DrawString(line.Description, _body, XBrushes.Black, Left + 4, y);
            DrawRight(gfx, line.Quantity.ToString(Invariant), _body, XBrushes.Black, QuantityRight, y);
            DrawRight(gfx, FormatMoney(line.UnitPrice), _body, XBrushes.Black, UnitPriceRight, y);
            DrawRight(gfx, FormatMoney(line.Amount), _body, XBrushes.Black, Right - 4, y);
            gfx.DrawLine(_rule, Left, y + 6, Right, y + 6);
        }

        return y + RowHeight;
    }

    private void DrawTotal(XGraphics gfx, SampleInvoice invoice, double y)
    {
        DrawRight(gfx, $"Total: {FormatMoney(invoice.Total)} {invoice.Currency}", _heading, XBrushes.Black, Right - 4, y);
    }

    private void DrawFooter(XGraphics gfx, double pageHeight)
    {
        gfx.DrawLine(_rule, Left, pageHeight - 80, Right, pageHeight - 80);
        gfx.DrawString("Payment terms: 30 days net. Thank you for your business.", _small, XBrushes.Gray, Left, pageHeight - 64);
        gfx.DrawString("Sample document made by eigenpal demo; all names are fictional.", _small, XBrushes.Gray, Left, pageHeight - 52);
    }

    private static void DrawRight(XGraphics gfx, string text, XFont font, XBrush brush, double right, double baseline)
    {
        var width = gfx.MeasureString(text, font).Width;
        gfx.DrawString(text, font, brush, right - width, baseline);
    }

    /// <summary>Formats money as on the invoice: thousands separated by commas, two decimals (1,234.56).</summary>
    internal static string FormatMoney(decimal amount) => amount.ToString("N2", Invariant);
}

namespace Eigenpal.Worker.Demo;

/// <summary>
/// Writes realistic, fictional one-page invoice PDFs for the <c>eigenpal demo</c> command, so the
/// <c>extract-invoice</c> workflow has something to read without any real documents.
/// </summary>
/// <remarks>
/// <para>
/// Each PDF carries its fields as extractable text, one per line, in these forms:
/// <c>Invoice No: INV-2026-00042</c>, <c>Date: 2026-03-14</c>, <c>Supplier: Nordwind Logistics GmbH</c>,
/// a table of 2 to 6 line items (description, quantity, unit price, amount) and
/// <c>Total: 1,234.56 EUR</c>, where the total is the sum of the line amounts and the currency is
/// EUR, USD or GBP.
/// </para>
/// <para>
/// The contents depend only on the seed: the same seed gives the same invoices in the same order, on
/// any machine. Invoice numbers rise through a batch, so no two invoices of one batch share a number.
/// The font is bundled, so nothing needs to be installed for the PDFs to be made.
/// </para>
/// </remarks>
public sealed class SampleInvoiceGenerator
{
    private readonly int _seed;

    /// <summary>Creates a generator whose invoices are determined by <paramref name="seed"/>.</summary>
    /// <param name="seed">Any number; the same seed always gives the same invoice contents.</param>
    public SampleInvoiceGenerator(int seed)
    {
        _seed = seed;
    }

    /// <summary>
    /// Writes <paramref name="count"/> invoices named <c>invoice-0001.pdf</c>, <c>invoice-0002.pdf</c>, …
    /// into <paramref name="folder"/>, creating the folder if needed and replacing files of the same name.
    /// </summary>
    /// <param name="folder">The folder to write into.</param>
    /// <param name="count">How many invoices to write; zero writes none.</param>
    /// <param name="ct">Stops the generation between two invoices; files already written stay.</param>
    /// <returns>The full paths of the written files, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty or only white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public IReadOnlyList<string> Generate(string folder, int count, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var directory = Directory.CreateDirectory(folder).FullName;
        DemoFontResolver.EnsureInstalled();

        var invoices = CreateInvoices(count);
        var paths = new string[count];
        var renderer = new SampleInvoiceRenderer();
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            paths[i] = Path.Combine(directory, FileName(i + 1));
            renderer.Render(invoices[i], paths[i]);
        }

        return paths;
    }

    /// <summary>The contents of the first <paramref name="count"/> invoices for this seed, as <see cref="Generate"/> writes them.</summary>
    internal IReadOnlyList<SampleInvoice> CreateInvoices(int count)
    {
        var factory = new SampleInvoiceFactory(_seed);
        var invoices = new SampleInvoice[count];
        for (var i = 0; i < count; i++)
        {
            invoices[i] = factory.Next();
        }

        return invoices;
    }

    private static string FileName(int ordinal) => $"invoice-{ordinal:D4}.pdf";
}

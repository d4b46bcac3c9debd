namespace Eigenpal.Worker.Demo;

/// <summary>
/// Makes the contents of sample invoices from a seeded <see cref="Random"/>: the same seed always
/// gives the same invoices, in the same order. All names are fictional.
/// </summary>
internal sealed class SampleInvoiceFactory
{
    private const int MinLines = 2;
    private const int MaxLines = 6;

    private const int Year = 2026;
    private static readonly DateOnly FirstDate = new(Year, 1, 1);

    private static readonly SampleSupplier[] Suppliers =
    [
        new("Nordwind Logistics GmbH", "Am Sandtorkai 41", "20457 Hamburg", "Germany", "EUR"),
        new("Alpenblick Buerobedarf GmbH", "Leopoldstrasse 112", "80802 Muenchen", "Germany", "EUR"),
        new("Rivage Fournitures SARL", "14 Quai des Chartrons", "33000 Bordeaux", "France", "EUR"),
        new("Van der Berg Installaties B.V.", "Keizersgracht 218", "1016 DZ Amsterdam", "Netherlands", "EUR"),
        new("Thistle & Pine Catering Ltd", "22 Rose Street", "Edinburgh EH2 2PR", "United Kingdom", "GBP"),
        new("Harbourside Print Works Ltd", "7 Canons Way", "Bristol BS1 5UH", "United Kingdom", "GBP"),
        new("Blue Mesa Software Inc.", "1450 Larimer Street", "Denver, CO 80202", "United States", "USD"),
        new("Cascade Facility Services LLC", "310 Pine Street", "Seattle, WA 98101", "United States", "USD"),
    ];

    private static readonly string[] Items =
    [
        "Freight forwarding Hamburg to Munich",
        "Pallet storage, per pallet and week",
        "Express courier delivery",
        "Customs clearance fee",
        "Copy paper A4, 80 g/m2, box of 5 reams",
        "Ergonomic office chair",
        "Toner cartridge, black",
        "Printed brochures, 500 pcs",
        "Business cards, 250 pcs",
        "Catering for workshop, per person",
        "Coffee machine rental, monthly",
        "Office cleaning, per visit",
        "HVAC maintenance visit",
        "Replacement LED panels",
        "Software licence, annual seat",
        "Support hours, senior engineer",
        "Cloud hosting, monthly",
        "On-site training day",
        "Window cleaning, quarterly",
        "Conference room equipment hire",
    ];

    private readonly Random _random;
    private int _nextNumber;

    public SampleInvoiceFactory(int seed)
    {
        _random = new Random(seed);
        _nextNumber = _random.Next(1, 50_000);
    }

    /// <summary>Makes the next invoice: numbers rise from one invoice to the next, so none repeats.</summary>
    public SampleInvoice Next()
    {
        var invoice = new SampleInvoice(
            $"INV-{Year}-{_nextNumber:D5}",
            FirstDate.AddDays(_random.Next(0, 365)),
            Suppliers[_random.Next(Suppliers.Length)],
            $"C-{_random.Next(1000, 10_000)}",
            NextLines());

        _nextNumber += _random.Next(1, 4);
        return invoice;
    }

    private SampleInvoiceLine[] NextLines()
    {
        var count = _random.Next(MinLines, MaxLines + 1);
        var descriptions = Items.ToArray();
        _random.Shuffle(descriptions);
        var lines = new SampleInvoiceLine[count];
        for (var i = 0; i < count; i++)
        {
            // Many cheap units or a few expensive ones, as on real invoices; prices in whole cents.
            var quantity = _random.Next(3) == 0 ? _random.Next(5, 41) : _random.Next(1, 5);
            var unitPrice = _random.Next(250, quantity > 4 ? 12_000 : 95_000) / 100m;
            lines[i] = new SampleInvoiceLine(descriptions[i], quantity, unitPrice);
        }

        return lines;
    }
}

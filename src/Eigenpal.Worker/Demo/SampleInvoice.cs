namespace Eigenpal.Worker.Demo;

/// <summary>The contents of one generated sample invoice, as printed on its page.</summary>
internal sealed record SampleInvoice(
    string Number,
    DateOnly Date,
    SampleSupplier Supplier,
    string CustomerId,
    IReadOnlyList<SampleInvoiceLine> Lines)
{
    public string Currency => Supplier.Currency;

    public decimal Total => Lines.Sum(line => line.Amount);
}

/// <summary>One row of a sample invoice's line-item table.</summary>
internal sealed record SampleInvoiceLine(string Description, int Quantity, decimal UnitPrice)
{
    public decimal Amount => Quantity * UnitPrice;
}

/// <summary>A fictional supplier: its name, postal address and the currency it bills in.</summary>
internal sealed record SampleSupplier(string Name, string Street, string City, string Country, string Currency);

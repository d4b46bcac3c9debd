namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>Why one file or manifest row was not recorded; the rest of the batch carries on.</summary>
/// <param name="Where">The file (as given) or the manifest and its line or row, e.g. <c>invoices.csv row 4</c>.</param>
/// <param name="Field">The column, key or option concerned, when there is one.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record InputProblem(string Where, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"{Where}: {Message}" : $"{Where}, {Field}: {Message}";
}

using System.ComponentModel;
using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal samples</c>: writes sample invoice PDFs.</summary>
internal sealed class SamplesCommand(CliServices services) : Command<SamplesCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-c|--count <N>")]
        [Description("How many invoices (default 50).")]
        [DefaultValue(50)]
        public int Count { get; init; } = 50;

        [CommandOption("-o|--out <DIR>")]
        [Description("The folder to write invoice-0001.pdf, … into (created if needed).")]
        public string Out { get; init; } = "";

        [CommandOption("--seed <N>")]
        [Description("The same seed always gives the same invoices (default 1).")]
        [DefaultValue(1)]
        public int Seed { get; init; } = 1;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out DIR is required.")
            : Count is < 0 or > 100_000 ? ValidationResult.Error("--count must be between 0 and 100000.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var paths = new SampleInvoiceGenerator(settings.Seed).Generate(settings.Out, settings.Count, cancellationToken);
        services.Console.MarkupLine($"Wrote {paths.Count} invoice PDF(s) to [bold]{Markup.Escape(Path.GetFullPath(settings.Out))}[/].");
        return ExitCodes.Success;
    }
}

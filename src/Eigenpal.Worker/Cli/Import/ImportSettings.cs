using System.ComponentModel;
using Eigenpal.Api;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli.Import;

/// <summary>The options of <c>eigenpal import</c>.</summary>
internal sealed class ImportSettings : CommandSettings
{
    /// <summary>Every remote status, in the order runs go through them: what <c>--status</c> accepts.</summary>
    public static readonly IReadOnlyList<string> StatusNames = [.. Enum.GetValues<ExecutionStatus>().Select(s => s.ToWireName())];

    [CommandOption("-w|--workflow <WORKFLOW>")]
    [Description("The workflow whose runs to adopt (id or name, e.g. extract-invoice). Checked through the API first.")]
    public string Workflow { get; init; } = "";

    [CommandOption("--since <DURATION>")]
    [Description("Adopt runs created within this long (e.g. 24h, 7d; default 7d).")]
    [DefaultValue("7d")]
    public string Since { get; init; } = "7d";

    [CommandOption("-s|--status <STATUSES>")]
    [Description("Only runs in these remote statuses, comma-separated: created, pending, running, waiting, finalizing, completed, failed, cancelled, rejected. Default: all.")]
    public string? Status { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object (counts, skip reasons, runs that cannot be reprocessed) instead of text.")]
    public bool Json { get; init; }

    /// <summary>The statuses <c>--status</c> names (empty: every status).</summary>
    public IReadOnlyList<ExecutionStatus> Statuses =>
        [.. StatusTexts.Select(s => ExecutionStatusExtensions.TryParse(s, out var status) ? status : default).Distinct()];

    /// <summary>The window <c>--since</c> names.</summary>
    public TimeSpan SinceDuration => DurationText.TryParse(Since, out var since) ? since : throw new InvalidOperationException("--since was not validated.");

    private string[] StatusTexts => (Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Workflow))
        {
            return ValidationResult.Error("--workflow is required (e.g. --workflow extract-invoice).");
        }

        if (!DurationText.TryParse(Since, out _))
        {
            return ValidationResult.Error($"--since '{Since}' is not a duration such as 90m, 24h or 7d.");
        }

        var unknown = StatusTexts.Where(s => !ExecutionStatusExtensions.TryParse(s, out _)).ToList();
        if (unknown.Count > 0)
        {
            return ValidationResult.Error(
                $"--status: unknown status{(unknown.Count > 1 ? "es" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use {string.Join(", ", StatusNames)}.");
        }

        return Status is not null && StatusTexts.Length == 0
            ? ValidationResult.Error($"--status is empty; name one or more of {string.Join(", ", StatusNames)}, or leave it out for all.")
            : ValidationResult.Success();
    }
}

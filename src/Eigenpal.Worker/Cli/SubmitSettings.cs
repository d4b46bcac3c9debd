using System.ComponentModel;
using Eigenpal.Worker.Cli.Inputs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>The options of <c>eigenpal submit</c>.</summary>
internal sealed class SubmitSettings : CommandSettings
{
    [CommandArgument(0, "[FILES]")]
    [Description("Files to submit, one submission each (instead of --dir or --manifest).")]
    public string[] Files { get; init; } = [];

    [CommandOption("-w|--workflow <WORKFLOW>")]
    [Description("The workflow id or name, e.g. extract-invoice. Checked through the API before anything is recorded.")]
    public string Workflow { get; init; } = "";

    [CommandOption("--version <VERSION>")]
    [Description("Pin a released version (tag such as 1.2.0, or version id); default: the current one.")]
    public string? Version { get; init; }

    [CommandOption("-b|--batch <NAME>")]
    [Description("A name for the batch, usable wherever a batch id is (status, list, results, cancel).")]
    public string? BatchName { get; init; }

    [CommandOption("-d|--dir <FOLDER>")]
    [Description("Submit every file of a folder that matches --pattern, one submission per file.")]
    public string? Directory { get; init; }

    [CommandOption("--pattern <GLOB>")]
    [Description("File pattern for --dir (default *.pdf).")]
    [DefaultValue("*.pdf")]
    public string Pattern { get; init; } = "*.pdf";

    [CommandOption("-r|--recursive")]
    [Description("With --dir, include sub-folders.")]
    public bool Recursive { get; init; }

    [CommandOption("--input-field <NAME>")]
    [Description("The workflow input a file is sent as. Default: on the v1 API the only file input the workflow's input schema declares, otherwise contract_document.")]
    public string? InputField { get; init; }

    [CommandOption("-m|--manifest <FILE>")]
    [Description("A .jsonl or .csv manifest, one submission per row. " + ManifestColumns.Help + " See docs/manifest.md.")]
    public string? Manifest { get; init; }

    [CommandOption("-i|--input <KEY=VALUE>")]
    [Description("A scalar input for every submission (repeatable). The value is JSON when it parses as JSON, else a string.")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("--key-from <COLUMN>")]
    [Description("With --manifest, use this column as the idempotency key (e.g. key) instead of the content hash.")]
    public string? KeyFrom { get; init; }

    [CommandOption("--force")]
    [Description("Submit again even what was already submitted (a fresh idempotency key per submission).")]
    public bool Force { get; init; }

    [CommandOption("--max-file-size <SIZE>")]
    [Description("Reject files larger than this (default 20MB).")]
    [DefaultValue("20MB")]
    public string MaxFileSize { get; init; } = "20MB";

    [CommandOption("--wait")]
    [Description("Follow the batch until every submission has ended, with a progress display, then print a summary.")]
    public bool Wait { get; init; }

    [CommandOption("--timeout <DURATION>")]
    [Description("With --wait, give up waiting after this long (e.g. 30m, 2h); the submissions carry on.")]
    public string? Timeout { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object (batch id, counts, problems) instead of text.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        var sources = new[] { Directory is not null, Manifest is not null, Files.Length > 0 }.Count(s => s);
        if (string.IsNullOrWhiteSpace(Workflow))
        {
            return ValidationResult.Error("--workflow is required (e.g. --workflow extract-invoice).");
        }

        if (sources != 1)
        {
            return ValidationResult.Error("Give exactly one of --dir FOLDER, --manifest FILE or files as arguments.");
        }

        if (KeyFrom is not null && Manifest is null)
        {
            return ValidationResult.Error("--key-from names a manifest column; it needs --manifest.");
        }

        if (!ByteSize.TryParse(MaxFileSize, out _))
        {
            return ValidationResult.Error($"--max-file-size '{MaxFileSize}' is not a size such as 20MB, 512KB or 1048576.");
        }

        if (Timeout is not null && !DurationText.TryParse(Timeout, out _))
        {
            return ValidationResult.Error($"--timeout '{Timeout}' is not a duration such as 90s, 30m or 2h.");
        }

        return ValidationResult.Success();
    }
}

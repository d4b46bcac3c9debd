namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>The columns (CSV) or keys (JSONL) a manifest may use; see docs/manifest.md.</summary>
internal static class ManifestColumns
{
    /// <summary>A file path, relative to the manifest, sent as the <c>--input-field</c> input.</summary>
    public const string File = "file";

    /// <summary>Prefix of a file path sent as the named input: <c>file.attachment</c>.</summary>
    public const string FilePrefix = "file.";

    /// <summary>Prefix of a scalar input: <c>input.language</c>.</summary>
    public const string InputPrefix = "input.";

    /// <summary>An idempotency key, used with <c>--key-from key</c>.</summary>
    public const string Key = "key";

    /// <summary>What the row is shown as (defaults to its file path).</summary>
    public const string Name = "name";

    public const string Help =
        "Manifest columns (CSV header) or keys (JSONL): file (path relative to the manifest, sent as --input-field), " +
        "file.<input> (another file input), input.<name> (a scalar: JSON value, or plain string when not JSON-looking), " +
        "key (idempotency key, with --key-from key), name (display name). Any other column is an error.";

    public static bool IsKnown(string column) =>
        column is File or Key or Name
        || (column.StartsWith(FilePrefix, StringComparison.Ordinal) && column.Length > FilePrefix.Length)
        || (column.StartsWith(InputPrefix, StringComparison.Ordinal) && column.Length > InputPrefix.Length);
}

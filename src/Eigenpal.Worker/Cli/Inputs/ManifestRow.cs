using System.Text.Json.Nodes;
using Eigenpal.Submissions;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>Turns one manifest row (CSV or JSONL, already split into columns) into a submission or its problems.</summary>
internal static class ManifestRow
{
    /// <param name="where">The row's label, e.g. <c>invoices.csv row 4</c>.</param>
    /// <param name="texts">Columns whose value is text: file paths, key, name (empty values are absent).</param>
    /// <param name="inputs">Scalar inputs by input name (already parsed).</param>
    /// <param name="baseDirectory">Where relative file paths start (the manifest's folder).</param>
    /// <param name="template">What every submission shares.</param>
    /// <param name="keyFrom">The column whose value is the idempotency key, if any.</param>
    /// <param name="ct">Cancels reading files.</param>
    public static async Task<InputItem> ToSubmissionAsync(
        string where, IReadOnlyDictionary<string, string> texts, IReadOnlyDictionary<string, JsonNode?> inputs,
        string baseDirectory, SubmissionTemplate template, string? keyFrom, CancellationToken ct)
    {
        var problems = new List<InputProblem>();
        string? key = null;
        if (keyFrom is not null)
        {
            key = texts.GetValueOrDefault(keyFrom)
                ?? (keyFrom.StartsWith(ManifestColumns.InputPrefix, StringComparison.Ordinal)
                    ? inputs.GetValueOrDefault(keyFrom[ManifestColumns.InputPrefix.Length..])?.ToJsonString()
                    : null);
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add(new InputProblem(where, keyFrom, "no idempotency key: the --key-from column is empty or missing"));
            }
        }

        var files = new List<SubmissionFile>();
        var fileColumns = new List<(string Name, string Field)>();
        var fileUnplaced = false;
        foreach (var (column, path) in texts)
        {
            var inputName = column == ManifestColumns.File ? template.FileInput
                : column.StartsWith(ManifestColumns.FilePrefix, StringComparison.Ordinal) ? column[ManifestColumns.FilePrefix.Length..]
                : null;
            if (inputName is null)
            {
                if (column == ManifestColumns.File && template.Schema is { } schema)
                {
                    fileUnplaced = true;
                    problems.Add(new InputProblem(where, column, FileInputChoice.NoField(template.Workflow, schema, manifest: true)));
                }

                continue;
            }

            fileColumns.Add((inputName, column));

            var (file, problem) = await FileLoader.LoadAsync(Path.Combine(baseDirectory, path), inputName, where, column, template.MaxFileSize, ct);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else if (file is not null)
            {
                files.Add(file);
            }
        }

        var input = template.NewInput();
        foreach (var (name, value) in inputs)
        {
            input[name] = value?.DeepClone();
        }

        foreach (var clash in files.Where(f => input.ContainsKey(f.InputName)))
        {
            problems.Add(new InputProblem(where, clash.InputName, "the input is given both as a file and as a value"));
        }

        // Checked on the columns, not the files read, so a missing file is not also a missing input.
        problems.AddRange(template.Check(where, InputSchemaCheck.Describe(
            input, fileColumns, name => inputs.ContainsKey(name) ? ManifestColumns.InputPrefix + name : "--input"), fileUnplaced));

        if (problems.Count == 0 && files.Count == 0 && inputs.Count == 0)
        {
            problems.Add(new InputProblem(where, null, "the row has no file and no input"));
        }

        if (problems.Count > 0)
        {
            return new InputItem(null, problems);
        }

        return InputItem.Of(new NewSubmission
        {
            Workflow = template.Workflow,
            Version = template.Version,
            IdempotencyKey = key,
            Input = input,
            Files = files,
            SourceName = texts.GetValueOrDefault(ManifestColumns.Name) ?? texts.GetValueOrDefault(ManifestColumns.File) ?? where,
        });
    }
}

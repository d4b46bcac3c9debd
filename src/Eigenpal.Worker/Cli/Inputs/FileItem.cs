using Eigenpal.Submissions;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>A submission made of one file sent as the template's file input (folder entries, file arguments).</summary>
internal static class FileItem
{
    public static async Task<InputItem> ReadAsync(string path, string sourceName, SubmissionTemplate template, CancellationToken ct)
    {
        // The command refuses a batch of files with no input to send them as before it reads any.
        var fileInput = template.FileInput ?? throw new InvalidOperationException("no file input was chosen for the files");

        // The schema first: a row it refuses is not worth reading from disk.
        var input = template.NewInput();
        var schemaProblems = template.Check(sourceName, InputSchemaCheck.Describe(input, [(fileInput, fileInput)], _ => "--input"));
        if (schemaProblems.Count > 0)
        {
            return new InputItem(null, schemaProblems);
        }

        var (file, problem) = await FileLoader.LoadAsync(path, fileInput, sourceName, null, template.MaxFileSize, ct);
        if (file is null)
        {
            return InputItem.Rejected(problem ?? new InputProblem(sourceName, null, "cannot read the file"));
        }

        return InputItem.Of(new NewSubmission
        {
            Workflow = template.Workflow,
            Version = template.Version,
            Input = input,
            Files = [file],
            SourceName = sourceName,
        });
    }
}

using Eigenpal.Submissions;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>A submission made of one file sent as the template's file input (folder entries, file arguments).</summary>
internal static class FileItem
{
    public static async Task<InputItem> ReadAsync(string path, string sourceName, SubmissionTemplate template, CancellationToken ct)
    {
        var (file, problem) = await FileLoader.LoadAsync(path, template.FileInput, sourceName, null, template.MaxFileSize, ct);
        if (file is null)
        {
            return InputItem.Rejected(problem ?? new InputProblem(sourceName, null, "cannot read the file"));
        }

        return InputItem.Of(new NewSubmission
        {
            Workflow = template.Workflow,
            Version = template.Version,
            Input = template.NewInput(),
            Files = [file],
            SourceName = sourceName,
        });
    }
}

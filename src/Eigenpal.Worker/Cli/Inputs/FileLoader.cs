using Eigenpal.Api;
using Eigenpal.Submissions;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>Reads one input file, or says precisely why it cannot be used.</summary>
internal static class FileLoader
{
    public static async Task<(SubmissionFile? File, InputProblem? Problem)> LoadAsync(
        string path, string inputName, string where, string? field, long maxBytes, CancellationToken ct)
    {
        InputProblem Problem(string message) => new(where, field, message);
        if (!File.Exists(path))
        {
            return (null, Problem(Directory.Exists(path) ? $"'{path}' is a folder, not a file" : $"file not found: {path}"));
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length == 0)
            {
                return (null, Problem($"the file is empty (0 bytes): {path}"));
            }

            if (length > maxBytes)
            {
                return (null, Problem($"the file is {ByteSize.Format(length)}, over the {ByteSize.Format(maxBytes)} limit (--max-file-size): {path}"));
            }

            var content = await File.ReadAllBytesAsync(path, ct);
            return (new SubmissionFile(inputName, Path.GetFileName(path), MimeTypes.FromFileName(path), content), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, Problem($"cannot read the file {path}: {ex.Message}"));
        }
    }
}

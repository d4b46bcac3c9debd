using System.Runtime.CompilerServices;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>One submission per file named on the command line, shown by the path as typed.</summary>
internal static class ArgumentFilesInput
{
    public static async IAsyncEnumerable<InputItem> ReadAsync(
        IReadOnlyList<string> paths, SubmissionTemplate template, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var path in paths)
        {
            yield return await FileItem.ReadAsync(path, path, template, ct);
        }
    }
}

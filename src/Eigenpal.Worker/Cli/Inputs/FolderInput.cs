using System.Runtime.CompilerServices;
using Eigenpal.Submissions;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>One submission per file of a folder that matches a pattern, in file-name order.</summary>
internal static class FolderInput
{
    public static async IAsyncEnumerable<InputItem> ReadAsync(
        string folder, string pattern, bool recursive, SubmissionTemplate template, [EnumeratorCancellation] CancellationToken ct)
    {
        var root = Path.GetFullPath(folder);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            MatchCasing = MatchCasing.CaseInsensitive,
            IgnoreInaccessible = true,
        };
        var paths = Directory.EnumerateFiles(root, pattern, options).Order(StringComparer.Ordinal).ToList();
        foreach (var path in paths)
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            yield return await FileItem.ReadAsync(path, relative, template, ct);
        }
    }
}

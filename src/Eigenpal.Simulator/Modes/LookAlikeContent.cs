using System.Security.Cryptography;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.Modes;

/// <summary>
/// The input of a look-alike run: the same values, and every file under the same name with
/// other bytes, either a few bytes longer or, with <c>sameSize</c>, of the same size with one
/// character changed (a digit or letter, so a text stays a text).
/// </summary>
internal static class LookAlikeContent
{
    private static readonly byte[] Suffix = "\n%copy\n"u8.ToArray();

    /// <summary>The look-alike input, or null when no file can differ (no files, or an empty file that must keep its size).</summary>
    public static RunInput? From(RunInput input, bool sameSize)
    {
        if (input.Files.Count == 0)
        {
            return null;
        }

        var files = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        foreach (var (key, file) in input.Files)
        {
            if (Alter(file.Content, sameSize) is not { } bytes)
            {
                return null;
            }

            files[key] = file with { Content = bytes, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        }

        return new RunInput(input.Values, files);
    }

    private static byte[]? Alter(byte[] content, bool sameSize)
    {
        if (!sameSize)
        {
            return [.. content, .. Suffix];
        }

        if (content.Length == 0)
        {
            return null;
        }

        var bytes = (byte[])content.Clone();
        var at = Array.FindLastIndex(bytes, b => b is >= (byte)'0' and <= (byte)'9');
        if (at >= 0)
        {
            bytes[at] = (byte)('0' + ((bytes[at] - '0' + 1) % 10));
            return bytes;
        }

        at = Array.FindLastIndex(bytes, b => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z'));
        if (at >= 0)
        {
            var first = bytes[at] >= 'a' ? (byte)'a' : (byte)'A';
            bytes[at] = (byte)(first + ((bytes[at] - first + 1) % 26));
            return bytes;
        }

        bytes[^1] ^= 1;
        return bytes;
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Eigenpal.Submissions;

/// <summary>
/// The default idempotency key: a hash of what makes two submissions the same run — the
/// workflow, the version, the scalar inputs (canonical JSON, keys sorted) and each file's
/// input name and content hash. The file name is deliberately left out: the same bytes under
/// another name are the same invoice.
/// </summary>
public static class IdempotencyKey
{
    /// <summary>Computes the key for a submission.</summary>
    public static string For(string workflow, string? version, JsonObject input, IEnumerable<SubmissionFile> files)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = new StringBuilder();
        text.Append(workflow).Append('\n').Append(version ?? "latest").Append('\n');
        text.Append(CanonicalJson.Write(input)).Append('\n');
        foreach (var file in files.OrderBy(f => f.InputName, StringComparer.Ordinal))
        {
            text.Append(file.InputName).Append('=').Append(file.Sha256).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

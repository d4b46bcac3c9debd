using System.Security.Cryptography;

namespace Eigenpal.Submissions;

/// <summary>A file input of a submission. Its bytes are stored with the submission.</summary>
/// <param name="InputName">The workflow input the file is sent as (e.g. <c>contract_document</c>).</param>
/// <param name="FileName">The file name sent to the API and shown to users.</param>
/// <param name="ContentType">The MIME type of the part.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record SubmissionFile(string InputName, string FileName, string ContentType, byte[] Content)
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));
}

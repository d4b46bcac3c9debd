using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>
/// One negotiated upload (§5.1): what was announced, the transport chosen, and its progress. The
/// file id is fixed at negotiation, so a repeated key can promise the same file before it exists.
/// </summary>
internal sealed class UploadSession
{
    private readonly Lock gate = new();

    public required string Id { get; init; }

    public required string FileId { get; init; }

    public required string? IdempotencyKey { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required long Size { get; init; }

    public required string? Purpose { get; init; }

    public required UploadTransportMode Transport { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The bytes put to storage, not yet a file.</summary>
    public byte[]? Uploaded { get; private set; }

    /// <summary>The file once the upload is complete (or posted as multipart).</summary>
    public StoredFile? File { get; private set; }

    public bool Aborted { get; private set; }

    public Lock Gate => gate;

    public void Put(byte[] bytes)
    {
        lock (gate)
        {
            Uploaded = bytes;
        }
    }

    public void Complete(StoredFile file)
    {
        lock (gate)
        {
            File = file;
            Uploaded = null;
        }
    }

    /// <summary>Abandons a pending upload; false when it was already complete (nothing changes then).</summary>
    public bool Abort()
    {
        lock (gate)
        {
            if (File is not null)
            {
                return false;
            }

            Aborted = true;
            Uploaded = null;
            return true;
        }
    }

    public bool Matches(string fileName, string contentType, long size) =>
        FileName == fileName && ContentType == contentType && Size == size;
}

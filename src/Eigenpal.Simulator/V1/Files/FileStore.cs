using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>
/// The v1 files and upload sessions in memory, with the idempotency-key index. Swapped whole on
/// reset, as the execution store is.
/// </summary>
internal sealed class FileStore
{
    /// <summary>The largest file accepted, as the SDK's test fixtures announce it (100 MiB).</summary>
    public const long MaxFileSizeBytes = 104_857_600;

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private State state = new();

    public static string NewId(string prefix) => prefix + RandomNumberGenerator.GetString(IdAlphabet, 20);

    public StoredFile? Find(string fileId) => Volatile.Read(ref state).Files.GetValueOrDefault(fileId);

    public void Add(StoredFile file) => Volatile.Read(ref state).Files[file.Id] = file;

    public bool Delete(string fileId) => Volatile.Read(ref state).Files.TryRemove(fileId, out _);

    public UploadSession? FindSession(string uploadId) => Volatile.Read(ref state).Sessions.GetValueOrDefault(uploadId);

    /// <summary>
    /// The live session negotiated earlier under <paramref name="key"/>, or a new one from
    /// <paramref name="create"/> (then <c>Created</c> is true). An aborted session frees its key; an
    /// expired one that never became a file is replaced by a new session promising the same file id
    /// (passed to <paramref name="create"/>; null means a new id).
    /// </summary>
    public (UploadSession Session, bool Created) GetOrCreateSession(string? key, DateTimeOffset now, Func<string?, UploadSession> create)
    {
        var current = Volatile.Read(ref state);
        lock (current.KeyGate)
        {
            string? fileId = null;
            if (key is not null && current.SessionsByKey.TryGetValue(key, out var existing) && !existing.Aborted)
            {
                if (existing.File is not null || now <= existing.ExpiresAt)
                {
                    return (existing, false);
                }

                fileId = existing.FileId;
            }

            var session = create(fileId);
            current.Sessions[session.Id] = session;
            if (key is not null)
            {
                current.SessionsByKey[key] = session;
            }

            return (session, true);
        }
    }

    public void Clear() => Volatile.Write(ref state, new State());

    private sealed class State
    {
        public readonly ConcurrentDictionary<string, StoredFile> Files = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, UploadSession> Sessions = new(StringComparer.Ordinal);
        public readonly Dictionary<string, UploadSession> SessionsByKey = new(StringComparer.Ordinal);
        public readonly Lock KeyGate = new();
    }
}

using System.Security.Cryptography;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>Makes a stored file from its bytes, hashing them once for the fingerprint of runs that use it.</summary>
internal static class FileFactory
{
    public static StoredFile Create(string id, string fileName, string contentType, byte[] bytes, DateTimeOffset createdAt, string? purpose) =>
        new(id, fileName, contentType, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), createdAt, purpose);
}

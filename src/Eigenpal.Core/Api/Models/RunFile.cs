using System.Runtime.CompilerServices;

namespace Eigenpal.Api;

/// <summary>
/// A file input of a run, sent as a multipart part named after its input key. When no content type
/// is given it is guessed from the file name's extension, falling back to <c>application/octet-stream</c>.
/// The bytes are read once, when the request is first sent, and reused (a rate-limited request is re-sent whole).
/// </summary>
public sealed class RunFile
{
    private readonly Func<CancellationToken, Task<ReadOnlyMemory<byte>>> _load;
    private StrongBox<ReadOnlyMemory<byte>>? _bytes;

    private RunFile(string fileName, string? contentType, Func<CancellationToken, Task<ReadOnlyMemory<byte>>> load)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FileName = fileName;
        ContentType = string.IsNullOrWhiteSpace(contentType) ? MimeTypes.FromFileName(fileName) : contentType;
        _load = load;
    }

    /// <summary>The file name sent with the part.</summary>
    public string FileName { get; }

    /// <summary>The content type of the part.</summary>
    public string ContentType { get; }

    /// <summary>A file on disk; its base name becomes the file name. The file is read when the request is sent.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="contentType">The content type; guessed from the extension when omitted.</param>
    public static RunFile FromPath(string path, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new RunFile(Path.GetFileName(path), contentType, async ct => await File.ReadAllBytesAsync(path, ct));
    }

    /// <summary>The rest of a stream, from its current position. The stream is read when the request is sent and is not disposed.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="fileName">The file name sent with the part.</param>
    /// <param name="contentType">The content type; guessed from the extension when omitted.</param>
    public static RunFile FromStream(Stream stream, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new RunFile(fileName, contentType, async ct =>
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        });
    }

    /// <summary>Bytes already in memory.</summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="fileName">The file name sent with the part.</param>
    /// <param name="contentType">The content type; guessed from the extension when omitted.</param>
    public static RunFile FromBytes(ReadOnlyMemory<byte> bytes, string fileName, string? contentType = null) =>
        new(fileName, contentType, _ => Task.FromResult(bytes));

    internal async Task<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _bytes) is { } cached)
        {
            return cached.Value;
        }

        var bytes = await _load(cancellationToken);
        Volatile.Write(ref _bytes, new StrongBox<ReadOnlyMemory<byte>>(bytes));
        return bytes;
    }

    /// <summary>
    /// The ASCII name put in a part's <c>filename=</c> parameter: the name itself when it is ASCII,
    /// otherwise the name with every non-ASCII character replaced by <c>_</c> (the full name then
    /// travels in <c>filename*=</c>). A server may echo either.
    /// </summary>
    /// <param name="fileName">The file name as given.</param>
    public static string AsciiFallbackName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return System.Text.Ascii.IsValid(fileName) ? fileName : new string(fileName.Select(c => c < 128 ? c : '_').ToArray());
    }

    /// <summary>Every name a part for <paramref name="fileName"/> carries on the wire: the name, and its ASCII fallback when different.</summary>
    /// <param name="fileName">The file name as given.</param>
    public static IReadOnlyList<string> WireNames(string fileName)
    {
        var fallback = AsciiFallbackName(fileName);
        return fallback == fileName ? [fileName] : [fileName, fallback];
    }

    /// <inheritdoc />
    public override string ToString() => $"RunFile {{ FileName = {FileName}, ContentType = {ContentType} }}";
}

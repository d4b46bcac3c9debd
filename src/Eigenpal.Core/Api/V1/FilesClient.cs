using System.Net.Http.Headers;
using System.Text.Json;
using Eigenpal.Api.Http;
using Eigenpal.Api.V1.Wire;

namespace Eigenpal.Api.V1;

/// <summary>
/// The v1 files endpoints (<c>{prefix}/files</c>): upload with an idempotency key, get and delete. Obtain it from
/// <see cref="EigenpalClient.Files"/>.
/// </summary>
public sealed class FilesClient
{
    private readonly EigenpalTransport _transport;
    private readonly V1Paths _paths;
    private readonly HttpClient _storage;

    internal FilesClient(EigenpalTransport transport, V1Paths paths, HttpClient storage)
    {
        _transport = transport;
        _paths = paths;
        _storage = storage;
    }

    /// <summary>
    /// Uploads a file: negotiates (<c>POST {prefix}/files/uploads</c> with the caller's idempotency key; retried like
    /// an idempotent call, with the same key), then follows the server's choice of transport. For <c>multipart</c> it
    /// POSTs the file to the negotiated URL (relative: appended to the base URL; absolute: only on the API's own
    /// origin, since the request carries the key); that POST carries no key, so it is not retried after a transient
    /// failure. For <c>presigned-put</c> it PUTs the bytes to the storage URL without the API key or SDK headers,
    /// not retried; on failure it aborts the session (best effort) and throws; on success it completes the upload
    /// (<c>POST {prefix}/files/uploads/{uploadId}/complete</c>, retried). A failed upload may be tried again whole with the same key.
    /// </summary>
    /// <param name="upload">The bytes, name, type, idempotency key and purpose.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The file; reference it from a run with <see cref="EigenpalFile.ToReference"/>.</returns>
    /// <exception cref="EigenpalException">The negotiation, the upload, the storage PUT or the completion failed (a subclass says how).</exception>
    public async Task<EigenpalFile> UploadAsync(FileUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentException.ThrowIfNullOrWhiteSpace(upload.FileName, nameof(upload));
        ArgumentException.ThrowIfNullOrWhiteSpace(upload.ContentType, nameof(upload));
        ArgumentException.ThrowIfNullOrWhiteSpace(upload.IdempotencyKey, nameof(upload));

        var body = JsonSerializer.SerializeToUtf8Bytes(
            new UploadSessionRequestWire(upload.FileName, upload.ContentType, upload.Content.Length, upload.IdempotencyKey, upload.Purpose),
            V1JsonContext.Default.UploadSessionRequestWire);
        var session = await _transport.SendAsync(
            new ApiRequest(HttpMethod.Post, _paths.Uploads) { Content = _ => Task.FromResult<HttpContent>(Json(body)), Idempotent = true },
            V1JsonContext.Default.UploadSessionWire,
            cancellationToken);

        return session.Transport switch
        {
            UploadSessionWire.Multipart => await PostMultipartAsync(upload, session, cancellationToken),
            UploadSessionWire.PresignedPut => await PutToStorageAsync(upload, session, cancellationToken),
            _ => throw new EigenpalException($"POST {_paths.Uploads} chose the unknown upload transport '{session.Transport}'", 200),
        };
    }

    /// <summary>Gets a file's metadata (<c>GET {prefix}/files/{id}</c>).</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EigenpalNotFoundException">No such file.</exception>
    public Task<EigenpalFile> GetAsync(string fileId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(new ApiRequest(HttpMethod.Get, _paths.File(fileId)), V1JsonContext.Default.EigenpalFile, cancellationToken);

    /// <summary>
    /// Deletes a file (<c>DELETE {prefix}/files/{id}</c>); runs that used it keep their copies. Idempotent, so
    /// transient failures are retried.
    /// </summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> only when the server answered <c>{"deleted": false}</c>; a 204 counts as deleted.</returns>
    /// <exception cref="EigenpalNotFoundException">No such file.</exception>
    public async Task<bool> DeleteAsync(string fileId, CancellationToken cancellationToken = default)
    {
        var (_, body, _, _) = await _transport.SendForBodyAsync(new ApiRequest(HttpMethod.Delete, _paths.File(fileId)) { Idempotent = true }, cancellationToken);
        return !FalseFlag(body, "deleted");
    }

    private async Task<EigenpalFile> PostMultipartAsync(FileUpload upload, UploadSessionWire session, CancellationToken cancellationToken)
    {
        var target = ApiTarget(Required(session.Url, "url"));
        var request = target with
        {
            Content = _ =>
            {
                var multipart = RunContent.NewMultipart();
                multipart.Add(RunContent.FilePart("file", upload.FileName, upload.ContentType, upload.Content));
                if (upload.Purpose is { } purpose)
                {
                    var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(purpose));
                    part.Headers.ContentDisposition = RunContent.FormData("purpose", null);
                    multipart.Add(part);
                }

                return Task.FromResult<HttpContent>(multipart);
            },
        };
        return await _transport.SendAsync(request, V1JsonContext.Default.EigenpalFile, cancellationToken);
    }

    private async Task<EigenpalFile> PutToStorageAsync(FileUpload upload, UploadSessionWire session, CancellationToken cancellationToken)
    {
        var uploadId = Required(session.UploadId, "uploadId");
        try
        {
            var url = StorageUrl(Required(session.Url, "url"));
            if (session.MaxFileSizeBytes is { } max && upload.Content.Length > max)
            {
                throw new EigenpalException($"the file '{upload.FileName}' has {upload.Content.Length} bytes, more than the {max} the upload session allows", 0);
            }

            await StorageUpload.PutAsync(_storage, url, upload.Content, session.Headers, _transport.Timeout, _transport.Time, cancellationToken);
        }
        catch (Exception ex) when (ex is EigenpalException or OperationCanceledException)
        {
            await AbortQuietlyAsync(uploadId);
            throw;
        }

        return await _transport.SendAsync(
            new ApiRequest(HttpMethod.Post, _paths.Upload(uploadId) + "/complete") { Idempotent = true },
            V1JsonContext.Default.EigenpalFile,
            cancellationToken);
    }

    // Best effort: the PUT's failure is what the caller needs to hear about; a pending object left behind expires.
    private async Task AbortQuietlyAsync(string uploadId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_transport.Timeout, _transport.Time);
            await _transport.SendForBodyAsync(new ApiRequest(HttpMethod.Delete, _paths.Upload(uploadId)) { Idempotent = true }, timeout.Token);
        }
        catch (Exception ex) when (ex is EigenpalException or OperationCanceledException)
        {
        }
    }

    /// <summary>The negotiated multipart URL as an API request: relative ones go under the base URL, absolute ones must stay on its origin.</summary>
    private ApiRequest ApiTarget(string url)
    {
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            var question = url.IndexOf('?', StringComparison.Ordinal);
            return question < 0
                ? new ApiRequest(HttpMethod.Post, url)
                : new ApiRequest(HttpMethod.Post, url[..question], url[(question + 1)..]);
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && SameOrigin(absolute, _transport.BaseUrl))
        {
            return new ApiRequest(HttpMethod.Post, absolute.AbsolutePath) { AbsoluteUrl = absolute };
        }

        throw new EigenpalException($"POST {_paths.Uploads} negotiated a multipart upload to another origin ({Origin(url)}); it is not sent there, since it would carry the API key", 200);
    }

    private Uri StorageUrl(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            return absolute;
        }

        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        {
            return new Uri(_transport.BaseUrl.AbsoluteUri.TrimEnd('/') + url);
        }

        throw new EigenpalException($"POST {_paths.Uploads} negotiated a storage URL that is neither absolute http(s) nor a path", 200);
    }

    private string Required(string? value, string key) =>
        !string.IsNullOrEmpty(value) ? value : throw new EigenpalException($"the answer to POST {_paths.Uploads} lacks '{key}'", 200);

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string Origin(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}" : "not a URL";

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool FalseFlag(byte[] body, string name)
    {
        if (body.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var flag)
                && flag.ValueKind == JsonValueKind.False;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

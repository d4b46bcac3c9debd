using System.Net;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Modes;
using Microsoft.AspNetCore.Http.Features;

namespace Eigenpal.Simulator.V1.Files;

/// <summary>
/// <c>PUT /_storage/{uploadId}</c>: the simulator's stand-in for a pre-signed object-store URL
/// (§5.2). Like a real store it takes no API key and answers in XML. It refuses what a signed URL
/// would refuse: an expired URL, headers other than those negotiated, a body of another size,
/// and a request that also carries <c>Authorization</c> (a client leaking its API key to storage).
/// </summary>
internal static class StorageEndpoint
{
    public const string PathPrefix = "/_storage";

    /// <summary>A negotiated header the PUT must repeat, as the SDK's fixtures show.</summary>
    public const string UploadIdHeader = "x-amz-meta-upload-id";

    public static async Task<IResult> Put(HttpContext context, string uploadId, FileStore files, ApiClock time)
    {
        var request = context.Request;
        if (files.FindSession(uploadId) is not { Transport: UploadTransportMode.PresignedPut, Aborted: false } session)
        {
            return Xml(HttpStatusCode.NotFound, "NoSuchUpload", "The specified upload does not exist.");
        }

        if (request.Headers.ContainsKey("Authorization"))
        {
            return Xml(HttpStatusCode.BadRequest, "InvalidArgument", "Only one auth mechanism allowed; the URL is already signed, so no Authorization header is accepted.");
        }

        if (time.GetUtcNow() > session.ExpiresAt)
        {
            return Xml(HttpStatusCode.Forbidden, "AccessDenied", "Request has expired.");
        }

        if (!string.Equals(request.ContentType, session.ContentType, StringComparison.OrdinalIgnoreCase)
            || request.Headers[UploadIdHeader] != session.Id)
        {
            return Xml(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", $"The request must carry the negotiated headers (Content-Type: {session.ContentType}, {UploadIdHeader}).");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = FileStore.MaxFileSizeBytes + 1;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length != session.Size)
        {
            return Xml(HttpStatusCode.BadRequest, "IncompleteBody", $"The body holds {buffer.Length} bytes; {session.Size} were negotiated.");
        }

        session.Put(buffer.ToArray());
        context.Response.Headers.ETag = $"\"{uploadId}\"";
        return Results.Ok();
    }

    private static IResult Xml(HttpStatusCode status, string code, string message) =>
        Results.Text(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error>",
            "application/xml",
            statusCode: (int)status);
}

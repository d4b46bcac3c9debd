using System.Text;
using System.Text.RegularExpressions;

namespace Eigenpal.Core.Tests.Api;

public sealed record MultipartPart(string Name, string? FileName, string? ContentType, byte[] Body);

/// <summary>A minimal multipart/form-data reader for asserting what the client sent.</summary>
public static class Multipart
{
    public static List<MultipartPart> Parse(RecordedRequest request)
    {
        var boundary = Regex.Match(request.ContentType ?? string.Empty, "boundary=\"?([^\";]+)\"?").Groups[1].Value;
        var body = Encoding.Latin1.GetString(request.Body);
        var parts = new List<MultipartPart>();
        foreach (var chunk in body.Split("--" + boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var split = chunk.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = chunk[..split];
            var content = chunk[(split + 4)..^2];
            var name = Regex.Match(headers, "name=\"([^\"]*)\"").Groups[1].Value;
            var fileName = Regex.Match(headers, "filename=\"([^\"]*)\"") is { Success: true } f ? f.Groups[1].Value : null;
            var type = Regex.Match(headers, "Content-Type: ([^\r\n]+)", RegexOptions.IgnoreCase) is { Success: true } t ? t.Groups[1].Value : null;
            parts.Add(new MultipartPart(name, fileName, type, Encoding.Latin1.GetBytes(content)));
        }

        return parts;
    }
}

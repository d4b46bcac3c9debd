using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Reconciliation;

namespace Eigenpal.Core.Tests.Reconciliation;

/// <summary>What an attempt sent and what a server may echo of it, for the reconciliation tests.</summary>
internal static class Echoes
{
    public const string Input = "contract_document";

    /// <summary>A file input as the client put it on the wire.</summary>
    public static SentFile File(string name = "invoice-00001.pdf", string content = "invoice 00001", string input = Input)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new SentFile(input, name, bytes.Length, Sha256(content));
    }

    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static AttemptFingerprint Sent(params SentFile[] files) => new([], files);

    public static AttemptFingerprint Sent(string scalarsJson, params SentFile[] files) => new(JsonNode.Parse(scalarsJson)!.AsObject(), files);

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The simulator's <c>Full</c> echo of <paramref name="file"/>.</summary>
    public static string Full(SentFile file, string? sha256 = null) =>
        $$"""{"fileName":{{JsonSerializer.Serialize(file.FileName)}},"contentType":"application/pdf","sizeBytes":{{file.SizeBytes}},"sha256":"{{sha256 ?? file.Sha256}}"}""";

    /// <summary>The simulator's <c>NameAndSize</c> echo.</summary>
    public static string NameAndSize(string name, long size) => $$"""{"filename":{{JsonSerializer.Serialize(name)}},"size":{{size}}}""";

    /// <summary>The simulator's <c>NameOnly</c> echo.</summary>
    public static string NameOnly(string name) => $$"""{"filename":{{JsonSerializer.Serialize(name)}}}""";

    /// <summary>A <c>triggerInput</c> holding the scalars <paramref name="scalarsJson"/> and <paramref name="fileEcho"/> under the file's input name.</summary>
    public static JsonElement EchoWith(string scalarsJson, string fileEcho, string input = Input)
    {
        var echo = JsonNode.Parse(scalarsJson)!.AsObject();
        echo[input] = JsonNode.Parse(fileEcho);
        return Json(echo.ToJsonString());
    }

    /// <summary>A <c>triggerInput</c> holding <paramref name="fileEcho"/> under the file's input name.</summary>
    public static JsonElement Echo(string fileEcho, string input = Input) => Json($$"""{"{{input}}":{{fileEcho}}}""");
}

using System.Text.Json.Nodes;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>Assertions on what the client sent.</summary>
internal static class V1Requests
{
    /// <summary>The body as parsed JSON, compared structurally so key order inside nested objects does not matter.</summary>
    public static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    public static void AssertApiHeaders(RecordedRequest request)
    {
        Assert.Equal($"Bearer {TestClients.ApiKey}", request.Headers["Authorization"]);
        Assert.Equal("csharp", request.Headers["X-Eigenpal-Sdk"]);
        Assert.False(string.IsNullOrEmpty(request.Headers["X-Eigenpal-Sdk-Version"]));
        Assert.StartsWith("eigenpal-sdk-csharp/", request.Headers["User-Agent"], StringComparison.Ordinal);
    }
}

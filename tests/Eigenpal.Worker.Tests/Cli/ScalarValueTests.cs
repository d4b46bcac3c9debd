using System.Text.Json.Nodes;
using Eigenpal.Worker.Cli.Inputs;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Text values (CSV cells, <c>--input</c>) with and without a declared type.</summary>
public sealed class ScalarValueTests
{
    [Theory]
    [InlineData("12345", null, "12345")]
    [InlineData("12345", "string", "\"12345\"")]
    [InlineData("true", "string", "\"true\"")]
    [InlineData("12345", "integer", "12345")]
    [InlineData("12345", "string,integer", "12345")]
    [InlineData("{\"a\": 1}", "object", "{\"a\":1}")]
    [InlineData("hello", "integer", "\"hello\"")]
    [InlineData("\"unclosed", "string", "\"\\u0022unclosed\"")]
    public void Text_for_a_string_input_stays_the_text_as_typed(string text, string? types, string json)
    {
        Assert.True(ScalarValue.TryParse(text, types?.Split(','), out var value, out var error), error);

        Assert.Equal(json, value?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Broken_json_for_an_input_that_takes_no_string_is_still_an_error()
    {
        Assert.False(ScalarValue.TryParse("{oops", ["object"], out _, out var error));
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
        Assert.False(ScalarValue.TryParse("{oops", out JsonNode? _, out _));
    }
}

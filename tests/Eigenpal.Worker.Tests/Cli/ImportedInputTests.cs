using System.Text.Json;
using Eigenpal.Imports;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>How an outside run's input, as the API shows it, is judged resendable or not (no database, no API).</summary>
public sealed class ImportedInputTests
{
    private static readonly string[] NoDeclaredFiles = [];

    [Fact]
    public void Values_of_any_JSON_shape_that_are_not_files_are_kept_as_they_were()
    {
        var input = ImportedInput.From(Json("""{"text": "hi", "n": 1.50, "flag": true, "none": null, "tags": ["a"], "options": {"lang": "de"}}"""), NoDeclaredFiles);

        Assert.Null(input.MissingReason);
        Assert.Equal("""{"text":"hi","n":1.50,"flag":true,"none":null,"tags":["a"],"options":{"lang":"de"}}""", input.Values.ToJsonString());
    }

    [Theory]
    [InlineData("""{"doc": {"fileName": "a.pdf", "contentType": "application/pdf", "sizeBytes": 3, "sha256": "ab"}}""")]
    [InlineData("""{"doc": {"filename": "a.pdf", "size": 3}}""")]
    [InlineData("""{"doc": {"$file": "input/doc"}}""")]
    [InlineData("""{"doc": {"$fileId": "file_1"}}""")]
    public void A_value_shaped_like_a_file_echo_is_a_file(string shown)
    {
        var input = ImportedInput.From(Json(shown), NoDeclaredFiles);

        Assert.Equal("imported: input 'doc' held a file the worker never stored", input.MissingReason);
        Assert.Empty(input.Values);
    }

    [Fact]
    public void An_input_the_workflow_declares_as_a_file_is_a_file_whatever_its_echo_looks_like()
    {
        var input = ImportedInput.From(Json("""{"doc": "files/0123abcd", "scan": "files/9876fedc", "language": "de"}"""), ["doc", "scan"]);

        Assert.Equal("imported: inputs 'doc', 'scan' held files the worker never stored", input.MissingReason);
        Assert.Equal("""{"language":"de"}""", input.Values.ToJsonString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"text\"")]
    [InlineData("[1, 2]")]
    public void No_input_shown_means_nothing_to_send_again(string? shown)
    {
        var input = ImportedInput.From(shown is null ? null : Json(shown), NoDeclaredFiles);

        Assert.Equal("imported: the API did not show the input this run started with, so it cannot be sent again", input.MissingReason);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}

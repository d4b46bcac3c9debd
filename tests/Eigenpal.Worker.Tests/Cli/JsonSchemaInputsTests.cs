using System.Text.Json;
using Eigenpal.Worker.Cli;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Reading a v1 automation's <c>inputSchema</c>: what is declared, required, typed, a file, and whether others may be sent.</summary>
public sealed class JsonSchemaInputsTests
{
    private static WorkflowInputs? Read(string json) => WorkflowInputs.FromJsonSchema(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Properties_required_types_and_files_are_read_from_the_schema()
    {
        var inputs = Read("""
            {"type": "object",
             "properties": {
               "scan": {"type": "string", "format": "binary"},
               "language": {"type": "string"},
               "pages": {"type": ["integer", "null"]},
               "amount": {"type": "number", "nullable": true},
               "anything": {}
             },
             "required": ["scan", "language"],
             "additionalProperties": false}
            """);

        Assert.NotNull(inputs);
        Assert.True(inputs.IsSchema);
        Assert.False(inputs.AllowsUndeclared);
        Assert.Equal(["scan"], inputs.FileInputs);
        Assert.Equal(["scan", "language"], inputs.Inputs.Where(i => i.Required).Select(i => i.Name));
        Assert.Equal(["string"], inputs.Find("language")?.Types);
        Assert.Equal(["integer", "null"], inputs.Find("pages")?.Types);
        Assert.Equal(["number", "null"], inputs.Find("amount")?.Types);
        Assert.Null(inputs.Find("anything")?.Types);
    }

    [Theory]
    [InlineData("""{"format": "binary"}""")]
    [InlineData("""{"type": "string", "contentMediaType": "application/pdf"}""")]
    [InlineData("""{"type": "string", "x-eigenpal-file": true}""")]
    [InlineData("""{"type": "file"}""")]
    public void A_property_is_a_file_input_in_any_of_the_usual_spellings(string property)
    {
        var inputs = Read("""{"properties": {"doc": """ + property + "}}");

        Assert.Equal(["doc"], inputs?.FileInputs);
    }

    [Theory]
    [InlineData("""{"properties": {"a": {}}}""", false)]
    [InlineData("""{"properties": {"a": {}}, "additionalProperties": false}""", false)]
    [InlineData("""{"properties": {"a": {}}, "additionalProperties": true}""", true)]
    [InlineData("""{"properties": {"a": {}}, "additionalProperties": {"type": "string"}}""", true)]
    public void Undeclared_inputs_are_allowed_only_when_additional_properties_says_so(string schema, bool allowed)
    {
        Assert.Equal(allowed, Read(schema)?.AllowsUndeclared);
    }

    [Fact]
    public void A_required_name_without_a_property_is_still_a_declared_required_input()
    {
        var inputs = Read("""{"properties": {"a": {"type": "string"}}, "required": ["a", "b"]}""");

        Assert.Equal(["a", "b"], inputs?.Inputs.Select(i => i.Name));
        Assert.True(inputs?.Find("b")?.Required);
    }

    [Fact]
    public void An_empty_properties_object_declares_that_the_workflow_takes_no_input()
    {
        var inputs = Read("""{"type": "object", "properties": {}, "additionalProperties": false}""");

        Assert.NotNull(inputs);
        Assert.Empty(inputs.Inputs);
        Assert.Equal("none", inputs.Names);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("""{"type": "object"}""")]
    [InlineData("""{"properties": ["a", "b"]}""")]
    public void A_schema_without_a_properties_object_gives_nothing_to_check(string json)
    {
        Assert.Null(Read(json));
    }

    [Fact]
    public void No_schema_at_all_gives_nothing_to_check()
    {
        Assert.Null(WorkflowInputs.FromJsonSchema(null));
    }

    [Fact]
    public void An_unknown_type_name_leaves_the_type_unchecked()
    {
        var inputs = Read("""{"properties": {"a": {"type": ["string", "date"]}, "b": {"type": 3}}}""");

        Assert.Null(inputs?.Find("a")?.Types);
        Assert.Null(inputs?.Find("b")?.Types);
    }
}

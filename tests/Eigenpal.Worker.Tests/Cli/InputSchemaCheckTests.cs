using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Cli.Inputs;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>The per-row rules of a v1 schema: undeclared, missing, wrongly typed, and values for file inputs.</summary>
public sealed class InputSchemaCheckTests
{
    private static readonly WorkflowInputs Schema = WorkflowInputs.FromJsonSchema(JsonDocument.Parse("""
        {"properties": {
           "scan": {"type": "string", "format": "binary"},
           "language": {"type": "string"},
           "pages": {"type": "integer"},
           "amount": {"type": "number"},
           "urgent": {"type": "boolean"},
           "tags": {"type": "array"},
           "meta": {"type": "object"},
           "note": {}
         },
         "required": ["scan", "language"],
         "additionalProperties": false}
        """).RootElement.Clone())!;

    private static List<string> Check(JsonObject values, params string[] files) =>
        InputSchemaCheck.CheckRow("rows.jsonl line 1", "wf", Schema,
            InputSchemaCheck.Describe(values, files.Select(f => (f, "file." + f)), name => "input." + name))
        .Select(p => $"{p.Field}: {p.Message}").ToList();

    [Fact]
    public void A_row_that_fits_the_schema_has_no_problem()
    {
        var values = JsonNode.Parse("""{"language": "de", "pages": 3, "amount": 1.5, "urgent": true, "tags": ["a"], "meta": {"k": 1}, "note": null}""")!.AsObject();

        Assert.Empty(Check(values, "scan"));
    }

    [Fact]
    public void An_undeclared_input_is_named_with_the_declared_ones()
    {
        var problem = Assert.Single(Check(new JsonObject { ["language"] = "de", ["colour"] = "red" }, "scan"));

        Assert.Equal("input.colour: 'colour' is not an input of the workflow 'wf' (its inputs: scan, language, pages, amount, urgent, tags, meta, note)", problem);
    }

    [Fact]
    public void Undeclared_inputs_pass_when_the_schema_allows_others()
    {
        var open = WorkflowInputs.FromJsonSchema(JsonDocument.Parse("""{"properties": {"a": {}}, "additionalProperties": true}""").RootElement.Clone())!;

        Assert.Empty(InputSchemaCheck.CheckRow("x", "wf", open, [SentInput.OfValue("b", "input.b", 1)]));
    }

    [Fact]
    public void Each_missing_required_input_is_named_with_how_to_give_it()
    {
        var problems = Check(new JsonObject { ["language"] = null });

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("scan: the workflow 'wf' requires input 'scan', which is not given: send it as a file", problems[0]);
        Assert.StartsWith("language: the workflow 'wf' requires input 'language', which is not given: give it with --input language=VALUE", problems[1]);
    }

    [Theory]
    [InlineData("language", "42", "integer", "string")]
    [InlineData("pages", "2.5", "number", "integer")]
    [InlineData("pages", "\"3\"", "string", "integer")]
    [InlineData("amount", "true", "boolean", "number")]
    [InlineData("urgent", "\"yes\"", "string", "boolean")]
    [InlineData("tags", "{}", "object", "array")]
    [InlineData("meta", "[]", "array", "object")]
    [InlineData("pages", "null", "null", "integer")]
    public void A_value_of_another_json_type_names_the_field_and_both_types(string name, string json, string given, string declared)
    {
        var values = new JsonObject { ["language"] = "de" };
        values[name] = JsonNode.Parse(json);

        var problem = Assert.Single(Check(values, "scan"));

        Assert.Equal($"input.{name}: '{name}' has type {given}, but the workflow's schema says {declared}", problem);
    }

    [Fact]
    public void An_integer_is_a_number_and_a_whole_decimal_is_an_integer()
    {
        Assert.Empty(Check(JsonNode.Parse("""{"language": "de", "amount": 7, "pages": 2.0}""")!.AsObject(), "scan"));
    }

    [Fact]
    public void A_value_for_a_file_input_is_refused_unless_it_references_a_file()
    {
        var value = Assert.Single(Check(new JsonObject { ["language"] = "de", ["scan"] = "a.pdf" }));
        Assert.StartsWith("input.scan: 'scan' is a file input of the workflow 'wf', not a value", value);

        Assert.Empty(Check(JsonNode.Parse("""{"language": "de", "scan": {"$fileId": "file_1"}}""")!.AsObject()));
    }

    [Fact]
    public void Shared_values_are_checked_without_the_required_rule()
    {
        var problems = InputSchemaCheck.CheckShared("--input", "wf", Schema, [SentInput.OfValue("pages", "pages", "many")]);

        Assert.Equal("--input, pages: 'pages' has type string, but the workflow's schema says integer", Assert.Single(problems).ToString());
    }
}

using System.Text.Json;
using Eigenpal.Worker.Cli;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Which input files go as, with and without <c>--input-field</c>, on a schema and without one.</summary>
public sealed class FileInputChoiceTests
{
    private static WorkflowInputs Schema(string json) => WorkflowInputs.FromJsonSchema(JsonDocument.Parse(json).RootElement.Clone())!;

    private static readonly WorkflowInputs OneFile = Schema("""{"properties": {"invoice": {"format": "binary"}, "language": {"type": "string"}}}""");
    private static readonly WorkflowInputs TwoFiles = Schema("""{"properties": {"invoice": {"format": "binary"}, "receipt": {"format": "binary"}}}""");
    private static readonly WorkflowInputs NoFile = Schema("""{"properties": {"text": {"type": "string"}}}""");

    [Fact]
    public void Without_a_schema_the_default_or_the_given_field_is_used_as_always()
    {
        Assert.Equal(new FileInputChoice.Choice("contract_document", null), FileInputChoice.Choose("wf", null, null, true));
        Assert.Equal(new FileInputChoice.Choice("anything", null), FileInputChoice.Choose("wf", "anything", null, true));

        var yaml = WorkflowInputs.FromYaml("inputs:\n  scan: { type: file }\n");
        Assert.Equal(new FileInputChoice.Choice("contract_document", null), FileInputChoice.Choose("wf", null, yaml, true));
    }

    [Fact]
    public void The_only_file_input_of_the_schema_is_used_when_none_is_given()
    {
        Assert.Equal(new FileInputChoice.Choice("invoice", null), FileInputChoice.Choose("wf", null, OneFile, true));
    }

    [Fact]
    public void Several_file_inputs_and_none_given_say_which_to_choose()
    {
        var choice = FileInputChoice.Choose("wf", null, TwoFiles, allFilesAsField: true);

        Assert.Null(choice.Field);
        Assert.Equal("the workflow 'wf' declares the file inputs 'invoice', 'receipt': choose one with --input-field", choice.Refusal);

        // A manifest may name each file's input in its columns, so only its 'file' column rows are refused.
        Assert.Equal(new FileInputChoice.Choice(null, null), FileInputChoice.Choose("wf", null, TwoFiles, allFilesAsField: false));
    }

    [Fact]
    public void A_given_field_the_schema_does_not_declare_is_refused_naming_the_file_inputs()
    {
        var choice = FileInputChoice.Choose("wf", "invoice_pdf", OneFile, true);

        Assert.Equal("--input-field 'invoice_pdf': the workflow 'wf' has no input of that name (its file input: 'invoice')", choice.Refusal);
        Assert.Equal(new FileInputChoice.Choice("receipt", null), FileInputChoice.Choose("wf", "receipt", TwoFiles, true));
    }

    [Fact]
    public void A_schema_without_file_inputs_refuses_files_for_a_folder_unless_the_default_is_allowed()
    {
        Assert.Contains("the workflow 'wf' declares no file input (its inputs: text): files cannot be sent to it without --input-field", FileInputChoice.Choose("wf", null, NoFile, true).Refusal);
        var open = Schema("""{"properties": {"text": {}}, "additionalProperties": true}""");
        Assert.Equal(new FileInputChoice.Choice("contract_document", null), FileInputChoice.Choose("wf", null, open, true));
    }
}

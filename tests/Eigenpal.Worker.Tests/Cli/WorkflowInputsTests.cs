using Eigenpal.Worker.Cli;

namespace Eigenpal.Worker.Tests.Cli;

public sealed class WorkflowInputsTests
{
    [Fact]
    public void Inputs_declared_as_a_map_are_read_with_which_are_files()
    {
        var inputs = WorkflowInputs.FromYaml("""
            name: extract-invoice
            version: 1.2.0
            inputs:
              contract_document: { type: file, required: true }
              language: { type: string, required: false }
            """);

        Assert.NotNull(inputs);
        Assert.Equal(["contract_document"], inputs.FileInputs);
        Assert.Equal(2, inputs.Inputs.Count);
    }

    [Fact]
    public void Inputs_declared_as_a_list_are_read_too()
    {
        var inputs = WorkflowInputs.FromYaml("""
            inputs:
              - name: scan
                type: file
              - name: note
                type: string
            """);

        Assert.Equal(["scan"], inputs?.FileInputs);
    }

    [Theory]
    [InlineData("name: archived-flow\ninputs: {}\n")]
    [InlineData("name: no-inputs\n")]
    [InlineData("inputs: [unclosed\n")]
    [InlineData("just text")]
    [InlineData("")]
    [InlineData(null)]
    public void A_yaml_without_readable_inputs_gives_no_advice(string? yaml)
    {
        Assert.Null(WorkflowInputs.FromYaml(yaml));
    }

    [Fact]
    public void Files_sent_under_a_name_the_workflow_does_not_declare_are_a_problem_that_names_the_right_one()
    {
        var inputs = WorkflowInputs.FromYaml("inputs:\n  document: { type: file, required: true }\n")!;

        Assert.Null(inputs.ProblemWithFileInput("extract-invoice", "document"));
        var problem = inputs.ProblemWithFileInput("extract-invoice", "invoice_pdf");
        Assert.Contains("declares the file input 'document', not 'invoice_pdf'", problem, StringComparison.Ordinal);
        Assert.Contains("pass --input-field document", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_without_file_inputs_raises_no_file_input_problem()
    {
        var inputs = WorkflowInputs.FromYaml("inputs:\n  text: { type: string, required: true }\n")!;

        Assert.Null(inputs.ProblemWithFileInput("classify-text", "document"));
    }
}

using Eigenpal.Worker.Cli;

namespace Eigenpal.Worker.Tests.Cli;

public sealed class RequiredInputHintTests
{
    [Theory]
    [InlineData("400 body.input.contract_document: Input 'contract_document' is required. (request req_7)", "contract_document")]
    [InlineData("400 body.input.document: Input 'document' is required.", "document")]
    [InlineData("400 body.input.scan: this field is Required", "scan")]
    [InlineData("400 <root>: Input 'invoice' is required.", "invoice")]
    public void A_refusal_for_a_missing_input_names_that_input(string reason, string input)
    {
        Assert.Equal(input, RequiredInputHint.MissingInput(reason));
    }

    [Theory]
    [InlineData("400 body.input.text: Input 'text' must be a string.")]
    [InlineData("403 API triggering is disabled for workflow 'archived-flow'.")]
    [InlineData("404 Workflow 'no-such-flow' was not found.")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_reasons_give_no_hint(string? reason)
    {
        Assert.Null(RequiredInputHint.MissingInput(reason));
        Assert.Null(RequiredInputHint.For(reason, sentFiles: true));
    }

    [Fact]
    public void The_hint_names_the_option_that_fits_what_was_sent()
    {
        const string reason = "400 body.input.contract_document: Input 'contract_document' is required.";

        Assert.Equal("the workflow expects input 'contract_document': pass --input-field contract_document", RequiredInputHint.For(reason, sentFiles: true));
        Assert.StartsWith("the workflow expects input 'contract_document': pass --input contract_document=VALUE", RequiredInputHint.For(reason, sentFiles: false), StringComparison.Ordinal);
        var unknown = RequiredInputHint.For(reason, sentFiles: null);
        Assert.Contains("--input-field contract_document", unknown, StringComparison.Ordinal);
        Assert.Contains("--input contract_document=VALUE", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_reasons_for_the_same_input_give_one_hint()
    {
        var hints = RequiredInputHint.For(
            ["400 body.input.document: Input 'document' is required. (request a)", "400 body.input.document: Input 'document' is required. (request b)", "500 boom"],
            sentFiles: true);

        Assert.Equal(["the workflow expects input 'document': pass --input-field document"], hints);
    }
}

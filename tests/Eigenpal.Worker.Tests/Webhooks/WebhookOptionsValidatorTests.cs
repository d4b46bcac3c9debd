using Eigenpal.Worker.Webhooks;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>The webhook settings are checked at start; messages name the setting and never the secret.</summary>
public sealed class WebhookOptionsValidatorTests
{
    private static readonly WebhookOptionsValidator Validator = new();

    [Fact]
    public void No_secret_means_webhooks_off_and_valid()
    {
        var options = new WebhookOptions();
        Assert.False(options.Enabled);
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_studio_secret_is_accepted_even_with_a_trailing_newline()
    {
        var secret = SignedDelivery.NewSecret();
        Assert.True(Validator.Validate(null, new WebhookOptions { Secret = secret + "\n" }).Succeeded);
        Assert.DoesNotContain(secret, new WebhookOptions { Secret = secret }.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c2VjcmV0c2VjcmV0c2VjcmV0", "must start with 'whsec_'")]
    [InlineData("whsec_%%%", "must be base64")]
    [InlineData("whsec_c2hvcnQ=", "decodes to 5 bytes")]
    public void A_malformed_secret_fails_naming_the_setting_without_its_value(string secret, string problem)
    {
        var result = Validator.Validate(null, new WebhookOptions { Secret = secret });
        Assert.True(result.Failed);
        Assert.Contains("Eigenpal:Webhooks:Secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webhooks")]
    [InlineData("/hangfire/webhooks")]
    public void A_path_outside_the_rules_fails(string path) =>
        Assert.Contains("Eigenpal:Webhooks:Path", Validator.Validate(null, new WebhookOptions { Secret = SignedDelivery.NewSecret(), Path = path }).FailureMessage, StringComparison.Ordinal);
}

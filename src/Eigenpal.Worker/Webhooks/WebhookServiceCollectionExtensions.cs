using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Webhooks;

/// <summary>Registers the webhook endpoint's services (see <see cref="WebhookEndpoints"/>).</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Eigenpal:Webhooks</c> (always, so a malformed secret stops the start), and,
    /// when a secret is set, adds the verifier, the event store, the poll nudge and the hourly purge.
    /// </summary>
    public static IServiceCollection AddEigenpalWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        if (string.IsNullOrWhiteSpace(configuration[$"{WebhookOptions.Section}:Secret"]))
        {
            return services;
        }

        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookEventStore>();
        services.AddSingleton<PollNudge>();
        services.AddHostedService(provider => provider.GetRequiredService<PollNudge>());
        services.AddHostedService<WebhookEventPurge>();
        return services;
    }
}

using Eigenpal.Api;
using Eigenpal.Api.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="EigenpalClient"/> with dependency injection.</summary>
public static class EigenpalServiceCollectionExtensions
{
    /// <summary>The name of the resilience handler added to the client's HTTP pipeline.</summary>
    public const string ResilienceHandlerName = "eigenpal";

    /// <summary>
    /// Registers <see cref="EigenpalClient"/> as a typed client of <see cref="IHttpClientFactory"/>. Options are bound
    /// from the <c>Eigenpal</c> configuration section when an <see cref="IConfiguration"/> is registered, then
    /// <c>EIGENPAL_API_KEY</c>/<c>EIGENPAL_BASE_URL</c> fill what is still unset, then <paramref name="configure"/> runs.
    /// They are validated when the host starts. The HTTP pipeline does not follow redirects and carries the
    /// resilience handler; handlers added to the returned builder run inside it, once per attempt.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options last.</param>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>, to add handlers (e.g. a shared rate limiter).</returns>
    public static IHttpClientBuilder AddEigenpalClient(this IServiceCollection services, Action<EigenpalClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<EigenpalClientOptions>()
            .Configure<IServiceProvider>((o, provider) => provider.GetService<IConfiguration>()?.GetSection(EigenpalClientOptions.SectionName).Bind(o))
            .Configure(ApplyEnvironmentFallbacks);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<EigenpalClientOptions>, EigenpalClientOptionsValidator>();
        // One measurement of the API's clock per process: typed clients are created per use.
        services.TryAddSingleton<ApiClock>();

        var builder = services.AddHttpClient<EigenpalClient>()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(EigenpalClient.CreatePrimaryHandler)
            .RedactLoggedHeaders(_ => true);
        builder.AddResilienceHandler(ResilienceHandlerName, (pipeline, context) =>
        {
            var settings = ClientSettings.Resolve(context.ServiceProvider.GetRequiredService<IOptions<EigenpalClientOptions>>().Value);
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<EigenpalClient>();
            var time = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline.TimeProvider = time;
            new EigenpalResilience(settings, logger, time).Configure(pipeline);
        });
        return builder;
    }

    private static void ApplyEnvironmentFallbacks(EigenpalClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            options.ApiKey = Environment.GetEnvironmentVariable(EigenpalClientOptions.ApiKeyVariable);
        }

        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            options.BaseUrl = Environment.GetEnvironmentVariable(EigenpalClientOptions.BaseUrlVariable);
        }
    }
}

using System.Diagnostics.CodeAnalysis;
using Eigenpal.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the retention of stored inputs.</summary>
public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RetentionOptions"/> from <c>Eigenpal:Retention</c> (validated at start) and registers the
    /// <see cref="InputPurger"/>. Needs the store and <see cref="Eigenpal.Reprocessing.ReprocessPolicy"/> (<c>AddEigenpalTracking</c>).
    /// </summary>
    [RequiresUnreferencedCode("Binds options from configuration by reflection.")]
    public static IServiceCollection AddEigenpalRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddTransient<InputPurger>();
        return services;
    }
}

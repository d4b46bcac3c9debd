using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Access;

/// <summary>
/// Wires access control (issue 10): forwarded headers believed only from configured proxies, basic and
/// bearer authentication from <c>Eigenpal:Access</c>, local requests acting as operator, and the two
/// policies, which the pages, <c>/api</c>, <c>/metrics</c> and the Hangfire dashboard all use.
/// </summary>
public static class AccessExtensions
{
    /// <summary>Binds and validates <c>Eigenpal:Access</c> (at start) and adds authentication and the two policies.</summary>
    public static IServiceCollection AddEigenpalAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<PasswordCheck>();
        services.AddSingleton<TokenCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<AccessOptions>>((forwarded, access) => ConfigureForwarding(forwarded, access.Value));

        services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "Local, basic or bearer", o => o.ForwardDefaultSelector = AccessSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(AccessSchemes.Local, null)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(AccessSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthenticationHandler>(AccessSchemes.Bearer, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Viewer, p => p.RequireAuthenticatedUser().RequireRole(AccessRoles.Viewer, AccessRoles.Operator))
            .AddPolicy(AccessPolicies.Operator, p => p.RequireAuthenticatedUser().RequireRole(AccessRoles.Operator));
        return services;
    }

    /// <summary>Adds forwarded headers, authentication and authorization to the pipeline, in that order, before any endpoint or dashboard.</summary>
    public static WebApplication UseEigenpalAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var access = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value;
        AccessLog.Configured(app.Logger, access.Users.Count, access.Tokens.Count, access.KnownProxies.Count, access.KnownNetworks.Count);
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Puts the Hangfire dashboard behind the same rule: the viewer policy to enter (instead of Hangfire's
    /// local-only filter) and read-only for anyone who is not an operator.
    /// </summary>
    public static DashboardOptions WithEigenpalAccess(this DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Authorization = [];
        options.AsyncAuthorization = [new HangfireAccessFilter()];
        options.IsReadOnlyFunc = HangfireAccessFilter.IsReadOnly;
        return options;
    }

    /// <summary>
    /// Believes X-Forwarded-For/-Proto from the configured proxies only. The framework's defaults trust
    /// loopback proxies; they are cleared, so a same-host proxy is believed only when configured.
    /// </summary>
    private static void ConfigureForwarding(ForwardedHeadersOptions forwarded, AccessOptions access)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        // Every hop must be a configured proxy, so a chain of them may be walked back to the client.
        forwarded.ForwardLimit = null;
        foreach (var proxy in access.KnownProxies)
        {
            if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
        }

        foreach (var network in access.KnownNetworks)
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                forwarded.KnownIPNetworks.Add(parsed);
            }
        }
    }
}

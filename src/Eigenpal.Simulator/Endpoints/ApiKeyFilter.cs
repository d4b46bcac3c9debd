using System.Security.Cryptography;
using System.Text;
using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// Bearer authentication against the configured keys; anything else is a 401 envelope. Keys are
/// compared in constant time and never logged.
/// </summary>
internal sealed class ApiKeyFilter(IOptions<SimulatorOptions> options, SimulatorCounters counters, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    private readonly byte[][] keys = [.. options.Value.EffectiveApiKeys.Select(Encoding.UTF8.GetBytes)];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsAuthorized(http.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        counters.Unauthorized();
        Log.Unauthorized(logger, http.TraceIdentifier, RequestCountingFilter.EndpointName(http));
        return ValueTask.FromResult<object?>(ApiErrors.Error(
            http,
            StatusCodes.Status401Unauthorized,
            "headers.authorization",
            "Missing or invalid API key.",
            "unauthorized",
            "Send 'Authorization: Bearer <api key>' with a key configured in Simulator:ApiKeys."));
    }

    private bool IsAuthorized(string header)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        var match = false;
        foreach (var key in keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        return match;
    }
}

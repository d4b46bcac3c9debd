using Eigenpal.Simulator.Admin;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>Counts every request per endpoint name before auth and faults, so clients' call volume is measured as sent.</summary>
internal sealed class RequestCountingFilter(SimulatorCounters counters) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        counters.Request(EndpointName(context.HttpContext));
        return next(context);
    }

    public static string EndpointName(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
            ? metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? metadata.GetMetadata<V1.ApiOperation>()?.Name ?? "unknown"
            : "unknown";
}

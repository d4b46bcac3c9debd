using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1;

/// <summary>
/// Endpoint filters that hide a surface, or a v1 prefix, switched off by
/// <see cref="Options.ModeOptions.Surfaces"/> and <see cref="Options.ModeOptions.V1Prefix"/>. A hidden
/// route answers exactly as a route that does not exist: the JSON 404 envelope, before the request
/// is counted, authenticated or faulted. They run first so that switching happens at run time.
/// </summary>
internal static class SurfaceGate
{
    public static ValueTask<object?> Legacy(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Modes(context).Surfaces == SurfacesMode.V1Only ? Hidden(context) : next(context);

    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> V1(string prefix)
    {
        var served = prefix == V1Request.ApiV1 ? V1PrefixMode.ApiV1 : V1PrefixMode.V1;
        return (context, next) =>
        {
            var modes = Modes(context);
            return modes.Surfaces == SurfacesMode.LegacyOnly || (modes.V1Prefix != V1PrefixMode.Both && modes.V1Prefix != served)
                ? Hidden(context)
                : next(context);
        };
    }

    private static Options.ModeOptions Modes(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ModeState>().Current;

    private static ValueTask<object?> Hidden(EndpointFilterInvocationContext context)
    {
        var http = context.HttpContext;
        return ValueTask.FromResult<object?>(ApiErrors.NotFound(http, "<root>", $"No API route matches {http.Request.Method} {http.Request.Path}."));
    }
}

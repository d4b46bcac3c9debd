using System.Net;
using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Simulator.Admin;

/// <summary>The admin endpoints have no auth, so they answer only callers on this machine.</summary>
internal sealed class LoopbackOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote)
            ? next(context)
            : ValueTask.FromResult<object?>(ApiErrors.Error(context.HttpContext, StatusCodes.Status403Forbidden, "<root>", "Admin endpoints answer loopback callers only.", "forbidden"));
    }
}

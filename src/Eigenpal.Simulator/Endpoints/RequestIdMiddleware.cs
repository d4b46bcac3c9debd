using System.Security.Cryptography;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// Gives every request an id (<c>req_…</c>), used as <c>HttpContext.TraceIdentifier</c>, echoed in
/// the <c>x-request-id</c> header of every answer and in the <c>requestId</c> of error envelopes;
/// and stamps when the request arrived (<see cref="RequestArrival"/>).
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "x-request-id";

    public Task InvokeAsync(HttpContext context, TimeProvider time)
    {
        RequestArrival.Stamp(context, time);
        var id = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        return next(context);
    }
}

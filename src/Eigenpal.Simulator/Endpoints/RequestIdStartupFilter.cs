namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// Puts <see cref="RequestIdMiddleware"/> first in the pipeline of any host that calls
/// <c>AddSimulator</c>, so embedders cannot forget it and even routing 404s carry the header.
/// </summary>
internal sealed class RequestIdStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestIdMiddleware>();
        next(app);
    };
}

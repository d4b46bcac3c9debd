namespace Eigenpal.Simulator.Modes;

/// <summary>
/// Puts <see cref="DateHeaderMiddleware"/> in the pipeline of any host that calls
/// <c>AddSimulator</c>, ahead of routing, so every answer (404s and admin ones too) is dated by the API's clock.
/// </summary>
internal sealed class DateHeaderStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<DateHeaderMiddleware>();
        next(app);
    };
}

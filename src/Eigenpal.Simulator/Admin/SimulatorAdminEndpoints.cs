using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Admin;

/// <summary>Maps the simulator's own control endpoints under <c>/_sim</c> (no auth, loopback callers only).</summary>
public static class SimulatorAdminEndpoints
{
    /// <summary>
    /// <c>GET /_sim/health</c>, <c>GET /_sim/counters</c>, <c>GET</c>/<c>PUT /_sim/faults</c> (PUT replaces
    /// all faults with the JSON body, camelCase <see cref="FaultOptions"/>), <c>GET</c>/<c>PUT /_sim/modes</c>
    /// (PUT replaces all modes with the JSON body, camelCase <see cref="ModeOptions"/>, enums by name),
    /// and <c>POST /_sim/reset</c> (clears executions and counters). An invalid PUT is a 400 with one issue
    /// per problem and changes nothing.
    /// </summary>
    public static RouteGroupBuilder MapSimulatorAdmin(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/_sim");
        admin.AddEndpointFilter<LoopbackOnlyFilter>();
        admin.MapGet("/health", () => TypedResults.Json(new { status = "ok" }, SimulatorJson.Options));
        admin.MapGet("/counters", (SimulatorControl control) => TypedResults.Json(control.Counters(), SimulatorJson.Options));
        admin.MapGet("/faults", (SimulatorControl control) => TypedResults.Json(control.Faults, SimulatorJson.Options));
        admin.MapPut("/faults", (HttpContext context, SimulatorControl control) =>
            PutAsync<FaultOptions>(context, "fault configuration", control.SetFaults, () => control.Faults));
        admin.MapGet("/modes", (SimulatorControl control) => TypedResults.Json(control.Modes, SimulatorJson.Options));
        admin.MapPut("/modes", (HttpContext context, SimulatorControl control) =>
            PutAsync<ModeOptions>(context, "mode configuration", control.SetModes, () => control.Modes));
        admin.MapPost("/reset", (SimulatorControl control) =>
        {
            control.Reset();
            return TypedResults.Json(new { status = "reset" }, SimulatorJson.Options);
        });
        return admin;
    }

    private static async Task<IResult> PutAsync<T>(HttpContext context, string what, Func<T, IReadOnlyList<string>> replace, Func<object> inForce)
        where T : class
    {
        T? replacement;
        try
        {
            replacement = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, SimulatorJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiErrors.Validation(context, "body", $"Not a {what}: {ex.Message}");
        }

        if (replacement is null)
        {
            return ApiErrors.Validation(context, "body", "Expected a JSON object.");
        }

        var errors = replace(replacement);
        return errors.Count == 0
            ? TypedResults.Json(inForce(), SimulatorJson.Options)
            : ApiErrors.Problems(context, "body", errors);
    }
}

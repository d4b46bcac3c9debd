using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Admin;

/// <summary>Maps the simulator's own control endpoints under <c>/_sim</c> (no auth, loopback callers only).</summary>
public static class SimulatorAdminEndpoints
{
    /// <summary>
    /// <c>GET /_sim/health</c>, <c>GET /_sim/counters</c>, <c>GET</c>/<c>PUT /_sim/faults</c> (PUT replaces
    /// all faults with the JSON body, camelCase <see cref="FaultOptions"/>) and <c>POST /_sim/reset</c>
    /// (clears executions and counters).
    /// </summary>
    public static RouteGroupBuilder MapSimulatorAdmin(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/_sim");
        admin.AddEndpointFilter<LoopbackOnlyFilter>();
        admin.MapGet("/health", () => TypedResults.Json(new { status = "ok" }, SimulatorJson.Options));
        admin.MapGet("/counters", (SimulatorControl control) => TypedResults.Json(control.Counters(), SimulatorJson.Options));
        admin.MapGet("/faults", (SimulatorControl control) => TypedResults.Json(control.Faults, SimulatorJson.Options));
        admin.MapPut("/faults", PutFaults);
        admin.MapPost("/reset", (SimulatorControl control) =>
        {
            control.Reset();
            return TypedResults.Json(new { status = "reset" }, SimulatorJson.Options);
        });
        return admin;
    }

    private static async Task<IResult> PutFaults(HttpContext context, SimulatorControl control)
    {
        FaultOptions? faults;
        try
        {
            faults = await JsonSerializer.DeserializeAsync<FaultOptions>(context.Request.Body, SimulatorJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiErrors.Validation(context, "body", $"Not a fault configuration: {ex.Message}");
        }

        if (faults is null)
        {
            return ApiErrors.Validation(context, "body", "Expected a JSON object.");
        }

        var errors = control.SetFaults(faults);
        return errors.Count == 0
            ? TypedResults.Json(control.Faults, SimulatorJson.Options)
            : ApiErrors.Validation(context, "body", string.Join(" ", errors));
    }
}

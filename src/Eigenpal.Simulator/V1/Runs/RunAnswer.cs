using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// The answer to a start or a rerun (§4.1): 201 with a RunAccepted when no wait was asked for;
/// otherwise the request is held until the run ends (200 with the Run) or the wait runs out
/// (202, with the body <see cref="Options.ModeOptions.WaitTimeoutBody"/> says).
/// </summary>
internal static class RunAnswer
{
    public const int MaxWaitSeconds = 600;

    // How often a held request re-checks its run; a cancel can end it before the plan says.
    private static readonly TimeSpan WaitCheckInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<IResult> AfterStartAsync(HttpContext context, Execution execution, int? waitSeconds, RunMapper mapper, ModeState modes, ApiClock time)
    {
        if (waitSeconds is not ({ } seconds and > 0))
        {
            return TypedResults.Json(RunMapper.Accepted(execution), SimulatorJson.Options, contentType: null, statusCode: StatusCodes.Status201Created);
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        while (time.GetUtcNow() is var now && now < execution.EndsAt && now < deadline)
        {
            var until = execution.EndsAt < deadline ? execution.EndsAt : deadline;
            var delay = until - now;
            await Task.Delay(delay < WaitCheckInterval ? delay : WaitCheckInterval, time, context.RequestAborted);
        }

        var at = time.GetUtcNow();
        if (ExecutionStatus.IsTerminal(execution.StatusAt(at)))
        {
            return TypedResults.Json(mapper.Run(execution, at, RunExpand.None), SimulatorJson.Options);
        }

        if (modes.Current.WaitTimeoutBody == WaitTimeoutBodyMode.Accepted)
        {
            return TypedResults.Json(RunMapper.Accepted(execution), SimulatorJson.Options, contentType: null, statusCode: StatusCodes.Status202Accepted);
        }

        return TypedResults.Json(mapper.Run(execution, at, RunExpand.None), SimulatorJson.Options, contentType: null, statusCode: StatusCodes.Status202Accepted);
    }
}

using System.Text.Json;

namespace Eigenpal.Simulator.Workflows;

/// <summary>
/// What a workflow makes of its input: a result, or a failure that follows from the input itself
/// (an unreadable PDF fails every time, whatever the random failure rate says).
/// </summary>
internal sealed record WorkflowOutcome(JsonElement? Result, string? FailureCode, string? FailureMessage)
{
    public static WorkflowOutcome Success(JsonElement result) => new(result, null, null);

    public static WorkflowOutcome Failure(string code, string message) => new(null, code, message);
}

using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Polling;

namespace Eigenpal.Surfaces;

/// <summary>v1 runs in the shapes the durable core reads, so states, history and export read the same on both surfaces.</summary>
internal static class V1Mapping
{
    public static ExecutionSummary ToSummary(RunListItem item) => new(
        item.Id, item.Source.Id, item.Execution.Status, item.Timing.CreatedAt, item.Trigger?.Type,
        TriggerInput: null, Result: null, item.Error, item.Timing.StartedAt, item.Timing.CompletedAt, (long?)item.Timing.DurationMs);

    public static ExecutionObservation ToObservation(RunListItem item) => new(
        item.Execution.Status, null, item.Error, item.Timing.CreatedAt, item.Timing.StartedAt, item.Timing.CompletedAt, null, null, "list");

    public static ExecutionObservation ToObservation(Run run)
    {
        var (category, retryable) = Failure(run.Debug);
        return new ExecutionObservation(
            run.Execution.Status, run.Output, run.Error, run.Timing.CreatedAt, run.Timing.StartedAt, run.Timing.CompletedAt, category, retryable, "get");
    }

    public static CancelResponse ToCancel(RunCancelResponse response) => new(
        response.Id,
        response.State switch
        {
            CancellationState.Cancelled => CancelOutcome.Cancelled,
            CancellationState.Requested => CancelOutcome.CancellationRequested,
            _ => CancelOutcome.AlreadyTerminal,
        },
        response.WasStatus);

    /// <summary>
    /// The structured failure of <c>debug.observability</c> (untyped on v1): its category and whether it
    /// is worth retrying, when the server says; nothing is guessed when it does not.
    /// </summary>
    private static (string? Category, bool? Retryable) Failure(JsonElement? debug)
    {
        if (debug is not { ValueKind: JsonValueKind.Object } d
            || !d.TryGetProperty("observability", out var observability) || observability.ValueKind != JsonValueKind.Object
            || !observability.TryGetProperty("failure", out var failure) || failure.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var category = failure.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        bool? retryable = failure.TryGetProperty("retryable", out var r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False ? r.GetBoolean() : null;
        return (category, retryable);
    }
}

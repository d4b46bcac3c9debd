using System.Text.Json;
using Eigenpal.Api;

namespace Eigenpal.Polling;

/// <summary>What one look at a remote execution (a list item or a get) told us.</summary>
internal sealed record ExecutionObservation(
    ExecutionStatus Status,
    JsonElement? Result,
    string? Error,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? FailureCategory,
    bool? Retryable,
    string Source)
{
    public static ExecutionObservation From(ExecutionSummary item) => new(
        item.Status, item.Result, item.Error, item.CreatedAt, item.StartedAt, item.CompletedAt, null, null, "list");

    public static ExecutionObservation From(ExecutionStatusResponse response) => new(
        response.Status, response.Result, response.Error, response.CreatedAt, null, response.CompletedAt,
        response.Observability?.Failure?.Category, response.Observability?.Failure?.Retryable, "get");
}

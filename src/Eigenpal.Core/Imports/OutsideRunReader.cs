using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Polling;
using Eigenpal.Reconciliation;
using Eigenpal.Surfaces;

namespace Eigenpal.Imports;

/// <summary>
/// Reads a listed run as far as an import needs. A legacy list item carries its input, result and error;
/// only a failed or rejected one is also read by a get, for the failure category and whether it is worth
/// retrying (list items leave <c>observability</c> out), which reprocessing decides by. A v1 list item carries
/// neither input, output nor metadata, so every v1 run is read by one get with <c>expand=input,debug</c>.
/// Transient failures are asked again (<see cref="PageRetry"/>); a run that stays unreadable is null.
/// </summary>
internal sealed class OutsideRunReader(EigenpalClient client, ApiSurface surface, PageRetry retry)
{
    /// <summary>The run, or null when the API would not show it.</summary>
    public Task<OutsideRun?> ReadAsync(ExecutionSummary listed, CancellationToken ct) =>
        surface == ApiSurface.V1 ? ReadV1Async(listed, ct) : ReadLegacyAsync(listed, ct);

    private async Task<OutsideRun?> ReadLegacyAsync(ExecutionSummary listed, CancellationToken ct)
    {
        var observation = ExecutionObservation.From(listed);
        if (listed.Status is ExecutionStatus.Failed or ExecutionStatus.Rejected)
        {
            // Without the failure details the run is still recorded as the poller records a list item.
            var (got, _) = await GetAsync(() => client.Workflows.Executions.GetAsync(listed.Id, includeSteps: false, ct), ct);
            if (got is not null)
            {
                observation = observation with { FailureCategory = got.Observability?.Failure?.Category, Retryable = got.Observability?.Failure?.Retryable };
            }
        }

        return new OutsideRun(listed.Id, observation, listed.TriggerInput, null, null);
    }

    private async Task<OutsideRun?> ReadV1Async(ExecutionSummary listed, CancellationToken ct)
    {
        var (run, _) = await GetAsync(() => client.Runs.GetAsync(listed.Id, RunExpand.Input | RunExpand.Debug, ct), ct);
        return run is null
            ? null
            : new OutsideRun(run.Id, V1Mapping.ToObservation(run), run.Input?.Args, RunMetadata.AttemptNamedBy(run.Input?.Metadata), SubmissionNamedBy(run.Input?.Metadata));
    }

    private async Task<(T? Value, int Calls)> GetAsync<T>(Func<Task<T>> call, CancellationToken ct)
        where T : class
    {
        try
        {
            return await retry.GetAsync(call, _ => { }, _ => { }, ct);
        }
        catch (EigenpalNotFoundException)
        {
            return (null, 1);
        }
    }

    private static Guid? SubmissionNamedBy(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m
        && m.TryGetProperty(RunMetadata.SubmissionKey, out var value)
        && value.ValueKind == JsonValueKind.String
        && Guid.TryParse(value.GetString(), out var id)
            ? id
            : null;
}

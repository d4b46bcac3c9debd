using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// <c>POST /v1/runs/{id}/rerun</c> (§4.5): a new run, with a new id, from the source run's stored
/// input (files included, even if the upload was deleted since) and overrides, but not its
/// metadata. It runs the latest version unless <c>version</c> says <c>original</c> (the source's
/// version), a tag or a version id. The chain is recorded always; whether runs show it is
/// <see cref="Options.ModeOptions.RerunChain"/>.
/// </summary>
internal static class RerunEndpoint
{
    public static async Task<IResult> Rerun(
        HttpContext context, string id, ExecutionStore store, RunRecords records, RunLauncher launcher, RunMapper mapper, SimulatorCounters counters, ModeState modes, ApiClock time)
    {
        if (!V1Request.TryReadInt(context, "wait_for_completion", 0, RunAnswer.MaxWaitSeconds, out var wait, out var error))
        {
            return error!;
        }

        if (store.Find(id) is not { } source)
        {
            return RunEndpoints.RunNotFound(context, id);
        }

        var workflow = source.Workflow;
        var original = workflow.Versions.FirstOrDefault(v => v.Id == source.VersionId) ?? workflow.CurrentVersion;
        var (version, versionError) = RunTargets.Version(context, workflow, original);
        if (version is null)
        {
            return versionError!;
        }

        if (RunTargets.TriggerAllowed(context, workflow, "path.id") is { } forbidden)
        {
            return forbidden;
        }

        var sourceRecord = records.Find(id);
        if (StoredInput(source, sourceRecord) is not { } input)
        {
            return ApiErrors.Validation(context, "path.id", $"Run '{id}' was started on the legacy surface with files, whose bytes the simulator does not keep; only its v1 runs can be rerun with files.");
        }

        var record = new RunRecord
        {
            Input = input,
            Overrides = sourceRecord?.Overrides,
            RetryNumber = (sourceRecord?.RetryNumber ?? 0) + 1,
            PreviousRunId = id,
        };
        var execution = launcher.Launch(workflow, version, input, "api", record);
        counters.RerunCreated();
        records.GetOrAdd(id).SetNextRun(execution.Id);
        if (launcher.LoseResponse(context, V1EndpointNames.RerunRun))
        {
            return Results.Empty;
        }

        return await RunAnswer.AfterStartAsync(context, execution, wait, mapper, modes, time);
    }

    // A legacy run without files can be rerun from its recorded values; with files it cannot.
    private static RunInput? StoredInput(Execution source, RunRecord? record) =>
        record?.Input ?? (source.Input.Files.Count == 0
            ? new RunInput(source.Input.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), new Dictionary<string, InputFile>())
            : null);
}

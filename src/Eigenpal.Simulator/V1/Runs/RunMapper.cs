using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Eigenpal.Simulator.Endpoints;
using StepResponse = Eigenpal.Simulator.Endpoints.Contracts.StepResponse;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.V1.Contracts;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Maps an execution, as seen at one moment, to the v1 shapes: <c>execution.status</c> is the
/// execution's status, <c>source</c> its workflow and version, <c>execution.retry</c> the chain in
/// the run's record (when <see cref="Options.ModeOptions.RerunChain"/> shows it).
/// </summary>
internal sealed class RunMapper(RunRecords records, ExecutionStore store, ModeState modes)
{
    public const string WorkflowType = "workflow";

    public static RunAcceptedResponse Accepted(Execution e) => new(e.Id, WorkflowType, false, Source(e));

    public static RunSourceResponse Source(Execution e) =>
        new(e.Workflow.Id, e.Workflow.Name, e.Workflow.Versions.FirstOrDefault(v => v.Id == e.VersionId)?.Tag, e.VersionId);

    public RunListItemResponse ListItem(Execution e, DateTimeOffset now)
    {
        var view = e.ViewAt(now);
        var record = records.Find(e.Id);
        return new RunListItemResponse(
            e.Id, WorkflowType, view.IsTerminal, SampleRank(e.Id), Timing(view, record), Source(e), Trigger(e), Execution(view, record, now, steps: false), view.Error);
    }

    public RunResponse Run(Execution e, DateTimeOffset now, RunExpand expand)
    {
        var view = e.ViewAt(now);
        var record = records.Find(e.Id);
        var completed = view.Status == ExecutionStatus.Completed;
        RunInputResponse? input = expand.HasFlag(RunExpand.Input)
            ? new RunInputResponse(RunArgs.Render(e), RunArgs.Metadata(record?.Metadata, modes.Current))
            : null;
        var duration = DurationMs(view);
        RunUsageResponse? usage = expand.HasFlag(RunExpand.Usage)
            ? new RunUsageResponse(new RunTokensResponse(null, null, null, null), null, duration, 0, 0)
            : null;
        RunDebugResponse? debug = expand.HasFlag(RunExpand.Debug)
            ? new RunDebugResponse(ExecutionResponses.Status(view, includeSteps: false).Observability, null)
            : null;
        return new RunResponse(
            e.Id,
            WorkflowType,
            view.IsTerminal,
            SampleRank(e.Id),
            Timing(view, record),
            Source(e),
            Trigger(e),
            Execution(view, record, now, expand.HasFlag(RunExpand.Execution)),
            view.Error,
            completed ? view.Result : null,
            completed ? [] : null,
            input,
            usage,
            debug);
    }

    /// <summary>A stable pseudo-random value in [0, 1) per run, as <c>sampleRank</c> is.</summary>
    public static double SampleRank(string runId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(runId));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }

    private static RunTriggerResponse Trigger(Execution e) => new(e.TriggerType, null);

    private static double? DurationMs(ExecutionView view) =>
        view.CompletedAt is { } c ? Math.Round((c - view.Execution.CreatedAt).TotalMilliseconds, 3) : null;

    private static RunTimingResponse Timing(ExecutionView view, RunRecord? record) => new(
        WireTime.Format(view.Execution.CreatedAt),
        WireTime.Format(view.StartedAt),
        WireTime.Format(view.CompletedAt),
        DurationMs(view),
        WireTime.Format(record?.CancelRequestedAt));

    private RunExecutionResponse Execution(ExecutionView view, RunRecord? record, DateTimeOffset now, bool steps)
    {
        var retry = new RunRetryResponse(0, null, null);
        if (record is not null && modes.Current.RerunChain == RerunChainMode.Filled)
        {
            var next = record.NextRunId is { } nextId && store.Find(nextId) is { } nextRun
                ? new RunNextRunResponse(nextId, nextRun.StatusAt(now))
                : null;
            retry = new RunRetryResponse(record.RetryNumber, record.PreviousRunId, next);
        }

        var stepList = steps
            ? view.Phases.Select(p => new StepResponse(p.Phase, p.Status, WireTime.Format(p.StartedAt), WireTime.Format(p.CompletedAt))).ToList()
            : null;
        return new RunExecutionResponse(view.Status, view.Status == ExecutionStatus.Completed ? true : null, null, retry, stepList);
    }
}

using Eigenpal.Simulator.Endpoints.Contracts;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>Maps an execution, as seen at one moment, to the wire shapes.</summary>
internal static class ExecutionResponses
{
    public static ExecutionStatusResponse Status(ExecutionView view, bool includeSteps)
    {
        var e = view.Execution;
        var phases = view.Phases.Select(p => new PhaseResponse(
            e.Id,
            p.Phase,
            p.Order,
            p.Status,
            WireTime.Format(p.StartedAt),
            WireTime.Format(p.CompletedAt),
            p.FailureCode,
            p.StartedAt is { } s && p.CompletedAt is { } c ? (long)(c - s).TotalMilliseconds : null)).ToList();
        var failure = view.Failure is { } f && view.FailureAt is { } at
            ? new FailureResponse(f.Phase, f.Code, f.Category, f.Retryable, f.UserMessage, WireTime.Format(at))
            : null;
        var steps = includeSteps
            ? view.Phases.Select(p => new StepResponse(p.Phase, p.Status, WireTime.Format(p.StartedAt), WireTime.Format(p.CompletedAt))).ToList()
            : null;
        return new ExecutionStatusResponse(
            e.Id,
            view.Status,
            WireTime.Format(e.CreatedAt),
            WireTime.Format(view.CompletedAt),
            view.Result,
            view.Error,
            new ObservabilityResponse(phases, Derived: true, view.CurrentPhase, failure),
            steps);
    }

    public static ExecutionSummaryResponse Summary(Execution e, DateTimeOffset now, ModeOptions modes)
    {
        var view = e.ViewAt(now);
        return new ExecutionSummaryResponse(
            e.Id,
            e.Workflow.Id,
            view.Status,
            WireTime.Format(e.CreatedAt),
            e.TriggerType,
            TriggerInputEcho.Render(e, modes),
            view.Result,
            view.Error,
            WireTime.Format(view.StartedAt),
            WireTime.Format(view.CompletedAt),
            new WorkflowRefResponse(e.Workflow.Id, e.Workflow.Name));
    }
}

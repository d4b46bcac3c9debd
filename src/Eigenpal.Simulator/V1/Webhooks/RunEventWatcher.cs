using System.Text.Json;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.V1.Contracts;
using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.Workflows;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.V1.Webhooks;

/// <summary>
/// Turns the engine's timelines into events while webhooks are on: every few tens of milliseconds it
/// picks up new executions (whichever surface or client made them, look-alikes included, as the
/// service reports every top-level run of the organisation) and hands the deliverer one
/// <c>run.created</c> and then one <c>run.status_changed</c> per status stored since, in order.
/// A run is forgotten once its terminal status went out.
/// </summary>
internal sealed class RunEventWatcher(
    IOptions<SimulatorOptions> options, WorkflowCatalog catalog, ExecutionStore store, ApiClock time, WebhookDeliverer deliverer) : BackgroundService
{
    /// <summary>How often timelines are read; the delay an event can have before its delivery starts.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(50);

    private readonly Lock gate = new();
    private readonly Dictionary<string, int> seenPerWorkflow = new(StringComparer.Ordinal);
    private readonly List<Tracked> tracked = [];

    /// <summary>Forgets every run, as a reset of the store does.</summary>
    public void Reset()
    {
        lock (gate)
        {
            seenPerWorkflow.Clear();
            tracked.Clear();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Webhooks.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal void Tick()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            foreach (var workflow in catalog.All)
            {
                var runs = store.ForWorkflow(workflow.Id).Span;
                var seen = seenPerWorkflow.GetValueOrDefault(workflow.Id);
                for (var i = seen; i < runs.Length; i++)
                {
                    tracked.Add(new Tracked(runs[i]));
                }

                seenPerWorkflow[workflow.Id] = runs.Length;
            }

            tracked.RemoveAll(t => Emit(t, now));
        }
    }

    // True once the run's terminal status has gone out.
    private bool Emit(Tracked run, DateTimeOffset now)
    {
        // Nothing new before the run's next planned step or its end (a cancel can bring the end
        // forward): most runs are passed over at a glance, so thousands in flight stay cheap.
        var steps = run.Execution.Plan.Steps;
        var nextPlanned = run.Emitted < steps.Count ? steps[run.Emitted].At : DateTimeOffset.MaxValue;
        var endsAt = run.Execution.EndsAt;
        if (now < (endsAt < nextPlanned ? endsAt : nextPlanned))
        {
            return false;
        }

        var reached = RunTransitions.Reached(run.Execution, now);
        for (var i = run.Emitted; i < reached.Count; i++)
        {
            var step = reached[i];
            var body = new WebhookEventBody(
                FileStore.NewId("whev_"),
                i == 0 ? "run.created" : "run.status_changed",
                options.Value.Webhooks.ApiVersion,
                WireTime.Format(step.At),
                false,
                new WebhookEventData(RunData(run.Execution, step.Status), i == 0 ? null : reached[i - 1].Status, i == 0 ? null : step.Status));
            deliverer.Enqueue(run.Execution.Id, body.Id, JsonSerializer.Serialize(body, SimulatorJson.Options));
        }

        run.Emitted = reached.Count;
        return reached.Count > 0 && ExecutionStatus.IsTerminal(reached[^1].Status);
    }

    private static WebhookRunData RunData(Execution e, string status) =>
        new(e.Id, "workflow", e.Workflow.Id, status, e.TriggerType, status == ExecutionStatus.Completed ? e.Plan.Result : null);

    private sealed class Tracked(Execution execution)
    {
        public Execution Execution { get; } = execution;

        public int Emitted { get; set; }
    }
}

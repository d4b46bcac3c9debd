using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Workflows;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// Creates executions: runs the workflow's logic on the input, plans the timeline on the API's
/// clock and stores it. With a <see cref="SimulatorOptions.Seed"/>, the n-th client execution
/// after a start or reset always gets the same id, duration and outcome, with or without look-alikes.
/// </summary>
internal sealed class ExecutionFactory(
    ExecutionStore store,
    IOptions<SimulatorOptions> options,
    ApiClock time)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly int? seed = options.Value.Seed;
    private readonly double timeScale = options.Value.TimeScale;

    /// <summary>Creates a run a client asked for; the duplicate flag says whether the same input was seen before.</summary>
    public (Execution Execution, bool DuplicateInput) Create(WorkflowDefinition workflow, WorkflowVersion version, RunInput input, string triggerType)
    {
        var outcome = workflow.Produce(input);
        var recorded = RecordedInput.From(input);
        var inputKey = InputFingerprint.Compute(workflow.Id, input);
        while (true)
        {
            var sequence = store.NextSequence();
            var execution = Build(workflow, version, recorded, inputKey, triggerType, outcome, sequence, RandomFor(sequence));
            if (store.TryAdd(execution, clientRun: true, out var duplicate))
            {
                return (execution, duplicate);
            }
        }
    }

    /// <summary>
    /// Creates a run that another client made (see <see cref="ModeOptions.LookAlikeRate"/>): stored
    /// and listed like any other, but it takes no creation number and no part in duplicate counting.
    /// </summary>
    public Execution CreateLookAlike(Execution original, WorkflowVersion version, RunInput input, Random random)
    {
        var outcome = original.Workflow.Produce(input);
        var recorded = RecordedInput.From(input);
        var inputKey = InputFingerprint.Compute(original.Workflow.Id, input);
        while (true)
        {
            var execution = Build(original.Workflow, version, recorded, inputKey, original.TriggerType, outcome, original.Sequence, random);
            if (store.TryAdd(execution, clientRun: false, out _))
            {
                return execution;
            }
        }
    }

    /// <summary>The randomness of a client run's creation number: fixed by the seed, or fresh without one.</summary>
    public Random RandomFor(long sequence) =>
        seed is { } s ? new Random(HashCode.Combine(s, sequence)) : new Random();

    /// <summary>Randomness derived from a client run's creation number, independent of <see cref="RandomFor(long)"/>.</summary>
    public Random RandomFor(long sequence, int salt) =>
        seed is { } s ? new Random(HashCode.Combine(s, sequence, salt)) : new Random();

    private Execution Build(
        WorkflowDefinition workflow, WorkflowVersion version, RecordedInput input, string inputKey, string triggerType, WorkflowOutcome outcome, long sequence, Random random)
    {
        var id = NewId(random);
        var plan = TimelinePlanner.Plan(workflow, outcome, time.GetUtcNow(), timeScale, random);
        return new Execution(id, sequence, workflow, version.Id, triggerType, input, inputKey, plan);
    }

    private static string NewId(Random random) =>
        "exec_" + string.Create(20, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = IdAlphabet[r.Next(IdAlphabet.Length)];
            }
        });
}

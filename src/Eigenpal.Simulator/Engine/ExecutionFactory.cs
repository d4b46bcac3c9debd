using System.Text.Json;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Workflows;
using Microsoft.Extensions.Options;

namespace Eigenpal.Simulator.Engine;

/// <summary>
/// Creates executions: runs the workflow's logic on the input, plans the timeline and stores it.
/// With a <see cref="SimulatorOptions.Seed"/>, the n-th execution after a start or reset always
/// gets the same id, duration and outcome.
/// </summary>
internal sealed class ExecutionFactory(
    ExecutionStore store,
    IOptions<SimulatorOptions> options,
    TimeProvider time)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private readonly int? seed = options.Value.Seed;
    private readonly double timeScale = options.Value.TimeScale;

    public (Execution Execution, bool DuplicateInput) Create(WorkflowDefinition workflow, WorkflowVersion version, RunInput input, string triggerType)
    {
        var outcome = workflow.Produce(input);
        var triggerInput = TriggerInput(input);
        var inputKey = InputFingerprint.Compute(workflow.Id, input);
        while (true)
        {
            var sequence = store.NextSequence();
            var random = seed is { } s ? new Random(HashCode.Combine(s, sequence)) : new Random();
            var id = NewId(random);
            var plan = TimelinePlanner.Plan(workflow, outcome, time.GetUtcNow(), timeScale, random);
            var execution = new Execution(id, sequence, workflow, version.Id, triggerType, triggerInput, inputKey, plan);
            if (store.TryAdd(execution, out var duplicate))
            {
                return (execution, duplicate);
            }
        }
    }

    private static string NewId(Random random) =>
        "exec_" + string.Create(20, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = IdAlphabet[r.Next(IdAlphabet.Length)];
            }
        });

    /// <summary>
    /// The input as echoed in execution lists (<c>triggerInput</c>): values as given, and each
    /// file as <c>{fileName, contentType, sizeBytes, sha256}</c>, so a client can match a run it
    /// lost the answer to by content hash.
    /// </summary>
    private static JsonElement TriggerInput(RunInput input)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in input.Values)
        {
            map[key] = value;
        }

        foreach (var (key, file) in input.Files)
        {
            map[key] = new Dictionary<string, object>
            {
                ["fileName"] = file.FileName,
                ["contentType"] = file.ContentType,
                ["sizeBytes"] = file.Content.LongLength,
                ["sha256"] = file.Sha256,
            };
        }

        return JsonSerializer.SerializeToElement(map);
    }
}

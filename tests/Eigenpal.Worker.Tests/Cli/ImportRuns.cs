using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Simulator;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// Runs started "outside the worker": another client calling the simulator's API directly, over real
/// HTTP, on the surface a test names, the way a person in Studio or another integration would.
/// </summary>
internal sealed class ImportRuns(SimulatorHost simulator, string surface) : IDisposable
{
    private readonly EigenpalClient _client = new(new EigenpalClientOptions
    {
        ApiKey = simulator.ApiKey,
        BaseUrl = simulator.BaseUrl.ToString(),
        Timeout = TimeSpan.FromSeconds(10),
    });

    /// <summary>Starts a run of <paramref name="workflow"/> with <paramref name="input"/> (a <see cref="RunFile"/> value is a file).</summary>
    public async Task<string> StartAsync(string workflow, IReadOnlyDictionary<string, object?> input, JsonObject? metadata = null) =>
        surface == "v1"
            ? (await _client.Runs.StartAsync(new RunStartRequest { Target = "workflows." + workflow, Input = input, Metadata = metadata })).Id
            : (await _client.Workflows.RunAsync(workflow, new RunRequest { Input = input })).ExecutionId;

    /// <summary>Starts <paramref name="count"/> runs of classify-text, each with a scalar input only.</summary>
    public async Task<List<string>> StartTextRunsAsync(int count, string prefix = "outside")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await StartAsync("classify-text", new Dictionary<string, object?> { ["text"] = $"{prefix} text {i}" }));
        }

        return ids;
    }

    /// <summary>The remote status of each run, as a get tells it.</summary>
    public async Task<Dictionary<string, ExecutionStatus>> StatusesAsync(IEnumerable<string> ids)
    {
        var statuses = new Dictionary<string, ExecutionStatus>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            statuses[id] = (await _client.Workflows.Executions.GetAsync(id)).Status;
        }

        return statuses;
    }

    /// <summary>Waits until every run has ended remotely.</summary>
    public Task WaitUntilEndedAsync(IReadOnlyCollection<string> ids) => Eventually.WaitAsync(
        () => StatusesAsync(ids), s => s.Values.All(v => v.IsTerminal()), TimeSpan.FromSeconds(60), "the outside runs to end");

    public void Dispose() => _client.Dispose();
}

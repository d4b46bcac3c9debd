using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>Helpers shared by the v1 tests against the simulator.</summary>
internal static class V1Sim
{
    public const string ClassifyText = "workflows.classify-text";
    public const string ExtractInvoice = "workflows.extract-invoice";
    public const string NormalizeAddress = "workflows.normalize-address";

    /// <summary>A fresh fast simulator (see <see cref="FastSimulatorFixture"/>) with modes and faults set, for tests that change them.</summary>
    public static Task<SimulatorHost> StartAsync(Action<ModeOptions>? modes = null, Action<FaultOptions>? faults = null) =>
        SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            modes?.Invoke(o.Modes);
            faults?.Invoke(o.Faults);
        });

    public static RunStartRequest Classify(string text, string? tag = null) => new()
    {
        Target = ClassifyText,
        Input = new Dictionary<string, object?> { ["text"] = text },
        Metadata = tag is null ? null : new System.Text.Json.Nodes.JsonObject { ["tag"] = tag },
    };

    public static async Task<List<RunListItem>> ListAllAsync(EigenpalClient client, RunListQuery? query = null)
    {
        var runs = new List<RunListItem>();
        await foreach (var run in client.Runs.ListAllAsync(query))
        {
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>Waits until the run has ended (the fast simulator ends classify-text and extract-invoice within milliseconds).</summary>
    public static Task<Run> FinishedAsync(EigenpalClient client, string runId) =>
        Eventually.Until(() => client.Runs.GetAsync(runId), r => r.Finished, $"run {runId} finished");
}

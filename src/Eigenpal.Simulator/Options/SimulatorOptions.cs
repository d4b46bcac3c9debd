namespace Eigenpal.Simulator.Options;

/// <summary>
/// Settings of the simulator, bound from the <c>Simulator</c> configuration section
/// (appsettings.json, <c>Simulator__TimeScale=0.01</c>, <c>--Simulator:Seed=42</c>) and validated at start.
/// </summary>
public sealed partial class SimulatorOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Simulator";

    /// <summary>The key accepted when none is configured.</summary>
    public const string DefaultApiKey = "sim-test-key";

    /// <summary>
    /// Bearer keys the API accepts. Defaults to <c>["sim-test-key"]</c> when left empty.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Seed for execution timelines, outcomes and ids. With the same seed and the same sequence of
    /// runs, every execution gets the same id, duration and outcome. Unset: a fresh random seed.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Multiplier applied to every planned duration: 0.01 runs workflows 100 times faster (for tests),
    /// 1 keeps the configured durations.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Per-workflow behaviour, keyed by workflow name (slug) such as <c>extract-invoice</c>.</summary>
    public IDictionary<string, WorkflowBehaviourOptions> Workflows { get; } =
        new Dictionary<string, WorkflowBehaviourOptions>(StringComparer.Ordinal);

    /// <summary>Faults injected from the start; replaceable at run time through <c>PUT /_sim/faults</c>.</summary>
    public FaultOptions Faults { get; set; } = new();

    /// <summary>
    /// How the API behaves where the SDK leaves it open (file echo, list order and paging, clock,
    /// look-alike runs); replaceable at run time through <c>PUT /_sim/modes</c>.
    /// </summary>
    public ModeOptions Modes { get; set; } = new();

    /// <summary>The keys in force: the configured ones, or the default key.</summary>
    public IReadOnlyList<string> EffectiveApiKeys => ApiKeys.Count > 0 ? [.. ApiKeys] : [DefaultApiKey];
}

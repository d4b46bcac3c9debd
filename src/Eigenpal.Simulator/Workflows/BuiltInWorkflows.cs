using System.Globalization;
using System.Text.Json;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Workflows;

/// <summary>
/// The workflows every simulator serves. Ids and version ids are fixed so that tests, the demo
/// and configuration files can name them.
/// </summary>
internal static class BuiltInWorkflows
{
    public const string ExtractInvoice = "extract-invoice";
    public const string ClassifyText = "classify-text";
    public const string ArchivedFlow = "archived-flow";
    public const string NormalizeAddress = "normalize-address";

    public static IReadOnlySet<string> Names { get; } =
        new HashSet<string>([ExtractInvoice, ClassifyText, ArchivedFlow, NormalizeAddress], StringComparer.Ordinal);

    private static readonly DateTimeOffset Epoch = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<WorkflowDefinition> Create(IDictionary<string, WorkflowBehaviourOptions> overrides)
    {
        WorkflowBehaviour Behaviour(string name, WorkflowBehaviour defaults) =>
            defaults.With(overrides.TryGetValue(name, out var o) ? o : null);
        IReadOnlyList<WorkflowInput> Inputs(string name, IReadOnlyList<WorkflowInput> defaults) =>
            overrides.TryGetValue(name, out var o) && o.Inputs is { Count: > 0 } configured
                ? [.. configured.Select(i => new WorkflowInput(i.Name, i.File ? WorkflowInputKind.File : WorkflowInputKind.Text, i.Required))]
                : defaults;

        return
        [
            Define(
                "wf_x7k2extractinv",
                ExtractInvoice,
                "workflow",
                ["1.0.0", "1.1.0", "1.2.0"],
                Inputs(ExtractInvoice, [new WorkflowInput(InvoiceExtractor.DocumentInput, WorkflowInputKind.File, Required: true)]),
                Behaviour(ExtractInvoice, new(DurationOptions.LogNormal(medianMs: 8000, sigma: 0.5, capMs: 120_000), FailureRate: 0.05, RejectionRate: 0.01, ApiTriggerEnabled: true)),
                InvoiceExtractor.Extract),
            Define(
                "wf_c3p9classifytx",
                ClassifyText,
                "workflow",
                ["0.9.0", "1.0.0"],
                Inputs(ClassifyText, [new WorkflowInput("text", WorkflowInputKind.Text, Required: true)]),
                Behaviour(ClassifyText, new(DurationOptions.Uniform(1000, 3000), FailureRate: 0.02, RejectionRate: 0, ApiTriggerEnabled: true)),
                TextClassifier.Classify),
            Define(
                "wf_a1r4archivedfl",
                ArchivedFlow,
                "workflow",
                ["0.1.0"],
                Inputs(ArchivedFlow, []),
                Behaviour(ArchivedFlow, new(DurationOptions.Fixed(1000), FailureRate: 0, RejectionRate: 0, ApiTriggerEnabled: false)),
                Echo),
            Define(
                "wf_b5n8normaddrss",
                NormalizeAddress,
                "block",
                ["2.0.0"],
                Inputs(NormalizeAddress, []),
                Behaviour(NormalizeAddress, new(DurationOptions.Fixed(500), FailureRate: 0, RejectionRate: 0, ApiTriggerEnabled: true)),
                Echo),
        ];
    }

    private static WorkflowDefinition Define(
        string id,
        string name,
        string kind,
        string[] tags,
        IReadOnlyList<WorkflowInput> inputs,
        WorkflowBehaviour behaviour,
        Func<RunInput, WorkflowOutcome> produce)
    {
        // Versions are listed newest first; the last tag is the current one.
        var versions = tags
            .Select((tag, i) => new WorkflowVersion(
                $"wfh_{id[3..]}{i + 1:D2}",
                tag,
                Yaml(name, tag, inputs),
                Epoch.AddDays(7 * i),
                IsCurrent: i == tags.Length - 1))
            .Reverse()
            .ToList();
        return new WorkflowDefinition(id, name, kind, Epoch, versions[0].CreatedAt, versions, inputs, behaviour, produce);
    }

    private static string Yaml(string name, string tag, IReadOnlyList<WorkflowInput> inputs)
    {
        var lines = new List<string> { $"name: {name}", $"version: {tag}", "inputs:" };
        lines.AddRange(inputs.Select(i => string.Create(CultureInfo.InvariantCulture, $"  {i.Name}: {{ type: {(i.Kind == WorkflowInputKind.File ? "file" : "string")}, required: {(i.Required ? "true" : "false")} }}")));
        if (inputs.Count == 0)
        {
            lines[^1] = "inputs: {}";
        }

        return string.Join('\n', lines) + "\n";
    }

    private static WorkflowOutcome Echo(RunInput input) =>
        WorkflowOutcome.Success(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["echo"] = input.Values,
            ["files"] = input.Files.Keys.ToArray(),
        }));
}

using Eigenpal.Simulator.V1.Webhooks;

namespace Eigenpal.Simulator.Options;

/// <summary>The webhook target of the simulator, beside its other settings.</summary>
public sealed partial class SimulatorOptions
{
    /// <summary>Where signed run events are delivered (<c>Simulator:Webhooks:Url</c>, <c>...:Secret</c>); off by default.</summary>
    public WebhookOptions Webhooks { get; set; } = new();
}

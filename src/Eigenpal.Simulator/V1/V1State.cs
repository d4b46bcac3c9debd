using Eigenpal.Simulator.V1.Files;
using Eigenpal.Simulator.V1.Runs;
using Eigenpal.Simulator.V1.Webhooks;

namespace Eigenpal.Simulator.V1;

/// <summary>Everything the v1 surface keeps beside the executions, cleared together on reset.</summary>
internal sealed class V1State(RunRecords records, FileStore files, RunEventWatcher watcher, WebhookDeliverer deliverer)
{
    public void Reset()
    {
        watcher.Reset();
        deliverer.Reset();
        records.Clear();
        files.Clear();
    }
}

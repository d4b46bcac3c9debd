using Eigenpal.Simulator.Admin;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Faults;
using Eigenpal.Simulator.Modes;
using Eigenpal.Simulator.Workflows;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// Creates a v1 run: an execution of the same engine as the legacy run route (same ids, timeline,
/// counters, look-alikes), plus its v1 record. Also decides a lost response, after the run exists,
/// as the legacy route does.
/// </summary>
internal sealed class RunLauncher(
    ExecutionFactory factory, RunRecords records, SimulatorCounters counters, LookAlikeMaker lookAlikes, FaultState faults, ILogger<RunLauncher> logger)
{
    public Execution Launch(WorkflowDefinition workflow, WorkflowVersion version, RunInput input, string triggerType, RunRecord record)
    {
        var (execution, duplicate) = factory.Create(workflow, version, input, triggerType);
        records.Add(execution.Id, record);
        counters.ExecutionCreated(duplicate);
        Log.ExecutionCreated(logger, execution.Id, workflow.Name, execution.Plan.Terminal.Status, execution.Plan.Terminal.At);
        lookAlikes.Consider(execution, version, input);
        return execution;
    }

    /// <summary>
    /// True when the fault knob loses this answer: the connection is aborted and the caller must
    /// return at once. The run exists; the client never learns its id.
    /// </summary>
    public bool LoseResponse(HttpContext context, string endpointName)
    {
        if (!faults.AppliesTo(endpointName, HttpMethods.Post) || !faults.ShouldLoseRunResponse())
        {
            return false;
        }

        counters.LostResponse();
        Log.FaultInjected(logger, "lost-run-response", context.TraceIdentifier, endpointName);
        context.Abort();
        return true;
    }
}

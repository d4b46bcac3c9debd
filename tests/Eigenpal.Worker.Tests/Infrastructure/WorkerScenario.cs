using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>
/// One end-to-end scenario: a tracking database of its own, a simulator over real HTTP in this
/// process, and any number of real worker processes pointed at both.
/// </summary>
public sealed class WorkerScenario : IAsyncDisposable
{
    private readonly List<WorkerProcess> _workers = [];

    private WorkerScenario(TrackingDatabase database, SimulatorHost simulator)
    {
        Database = database;
        Simulator = simulator;
    }

    public TrackingDatabase Database { get; }

    public SimulatorHost Simulator { get; }

    /// <summary>Settings every worker of the scenario gets; tests add or override entries before starting workers.</summary>
    public Dictionary<string, string> Settings { get; } = new();

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    /// <summary>Fast runs (about 0.3–1.5 s) so scenarios finish in seconds, with some failures and rejections to record.</summary>
    public static void QuickRuns(SimulatorOptions options)
    {
        options.Seed = 42;
        options.Workflows["extract-invoice"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Uniform(300, 1500), FailureRate = 0.1, RejectionRate = 0.05,
        };
        options.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Uniform(300, 1500), FailureRate = 0.1, RejectionRate = 0,
        };
    }

    /// <summary>
    /// A scenario whose workers and commands speak <paramref name="surface"/> (<c>Eigenpal:Api</c>); the
    /// simulator serves both surfaces, so <c>auto</c> would choose v1. Legacy unless a test says otherwise.
    /// </summary>
    public static async Task<WorkerScenario> StartAsync(PostgresServer postgres, Action<SimulatorOptions>? configure = null, string surface = "legacy")
    {
        var database = await TrackingDatabase.CreateAsync(postgres);
        var simulator = await SimulatorHost.StartAsync(options =>
        {
            QuickRuns(options);
            configure?.Invoke(options);
        });
        var scenario = new WorkerScenario(database, simulator);
        scenario.Settings["ConnectionStrings__Eigenpal"] = database.ConnectionString;
        scenario.Settings["EIGENPAL_BASE_URL"] = simulator.BaseUrl.ToString();
        scenario.Settings["EIGENPAL_API_KEY"] = simulator.ApiKey;
        scenario.Settings["Eigenpal__Api"] = surface;
        scenario.Settings["Eigenpal__Polling__MinInterval"] = "00:00:00.250";
        scenario.Settings["Eigenpal__Polling__MaxInterval"] = "00:00:02";
        scenario.Settings["Eigenpal__Polling__TickSeconds"] = "1";
        scenario.Settings["Eigenpal__Polling__ClaimBatchSize"] = "50";
        scenario.Settings["Eigenpal__Worker__ReenqueueAfter"] = "00:00:15";
        scenario.Settings["Eigenpal__Sender__ReconcileAfter"] = "00:00:03";
        scenario.Settings["Eigenpal__RateLimit__RequestsPerSecond"] = "1000";
        scenario.Settings["Eigenpal__RateLimit__Burst"] = "100";
        scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:10";
        // A run request's deadline bounds how long a lost attempt of a killed worker waits before
        // it can be proven absent; the simulator answers in milliseconds, so 10 s is plenty.
        scenario.Settings["Eigenpal__Timeout"] = "00:00:10";
        return scenario;
    }

    public WorkerProcess StartWorker(Uri? url = null)
    {
        var worker = url is null ? WorkerProcess.Start(Settings) : WorkerProcess.Start(Settings, url.ToString().TrimEnd('/'));
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Waits until every submission is in a final state.</summary>
    public Task WaitForAllFinalAsync(int expected, TimeSpan timeout) =>
        Eventually.WaitAsync(
            Database.FinalCountAsync, final => final >= expected, timeout, $"{expected} submissions to reach a final state",
            async () => await Database.DescribeAsync() + "\n--- worker output (tail) ---\n" + WorkerOutputTail());

    public string WorkerOutputTail() => string.Join("\n---\n", _workers.Select(w =>
        string.Join('\n', w.Output.Split('\n').TakeLast(40))));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
    }
}

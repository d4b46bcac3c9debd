namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// The figures the fault suite runs with. CI runs the short profile (the whole Faults folder in
/// about three minutes on a 2-core box); <c>EIGENPAL_FAULT_SUITE=full</c> (see bench/faults/run.sh)
/// switches to the full figures the issue asks for.
/// </summary>
/// <param name="Name">short or full.</param>
/// <param name="Invoices">Submissions per scenario.</param>
/// <param name="Kills">How many times the worker is SIGKILLed mid-batch (and restarted).</param>
/// <param name="SettleTime">Eigenpal:Sender:UnknownOutcomeSettleTime.</param>
/// <param name="RequestTimeout">Eigenpal:Timeout (one request attempt; it bounds the reconcile window and the request's deadline).</param>
/// <param name="ReenqueueAfter">Eigenpal:Worker:ReenqueueAfter: how soon a submission whose job died with a killed worker gets a new one.</param>
/// <param name="ClaimLease">
/// Eigenpal:Polling:ClaimLease, or null for the worker's default (2 min). Executions a killed worker
/// had claimed for a poll are not polled again until their lease ends, so the lease bounds the time
/// to all-final after a kill from below; the short profile shortens it to stay within CI's budget.
/// </param>
public sealed record FaultSuiteProfile(
    string Name, int Invoices, int Kills, TimeSpan SettleTime, TimeSpan RequestTimeout, TimeSpan ReenqueueAfter, TimeSpan? ClaimLease)
{
    public const string Variable = "EIGENPAL_FAULT_SUITE";

    /// <summary>When set, every scenario appends its figures (one tab-separated line) to this file.</summary>
    public const string ReportVariable = "EIGENPAL_FAULT_REPORT";

    public static FaultSuiteProfile Short { get; } = new("short", 60, 1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));

    public static FaultSuiteProfile Full { get; } = new("full", 300, 3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), null);

    public static FaultSuiteProfile Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.OrdinalIgnoreCase) ? Full : Short;

    /// <summary>Every submission must be final this long after the last fault (kill or database restart) at the latest.</summary>
    public TimeSpan FinalWithin => SettleTime + TimeSpan.FromMinutes(2);

    /// <summary>
    /// The fleet's own limit (Eigenpal:RateLimit) and the simulator's token bucket a little under it:
    /// 12/s with a burst of 20 against 11/s holding 13, so the fleet's burst after a quiet spell
    /// draws some 429s, and every 429 then pauses the fleet (and what it does after the pause decides
    /// how many more follow). Each can be overridden for tuning: EIGENPAL_FAULT_WORKER_RPS,
    /// EIGENPAL_FAULT_WORKER_BURST, EIGENPAL_FAULT_API_RPS, EIGENPAL_FAULT_API_BURST.
    /// </summary>
    public static double WorkerRequestsPerSecond { get; } = Number("EIGENPAL_FAULT_WORKER_RPS", 12);

    public static int WorkerBurst { get; } = (int)Number("EIGENPAL_FAULT_WORKER_BURST", 20);

    public static double ApiRequestsPerSecond { get; } = Number("EIGENPAL_FAULT_API_RPS", 11);

    public static int ApiBurst { get; } = (int)Number("EIGENPAL_FAULT_API_BURST", 13);

    private static double Number(string variable, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value : fallback;
}

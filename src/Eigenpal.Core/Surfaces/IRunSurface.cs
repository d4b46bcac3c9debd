using Eigenpal.Api;
using Eigenpal.Polling;
using Eigenpal.Reconciliation;

namespace Eigenpal.Surfaces;

/// <summary>
/// What the durable core asks of the API, whichever surface answers: start a run, look at one, list a
/// workflow's runs created in a window (to poll many at once, and to reconcile a lost start), cancel.
/// Every user-facing state is the same on both; only the wire differs.
/// </summary>
internal interface IRunSurface
{
    /// <summary>The surface this speaks; recorded on every attempt sent through it.</summary>
    ApiSurface Kind { get; }

    /// <summary>Sends one run request, never retried blindly (a lost answer is <see cref="EigenpalOutcomeUnknownException"/>).</summary>
    Task<StartedRun> StartAsync(RunToStart run, CancellationToken ct);

    /// <summary>Looks at one run, with everything a terminal run carries (its output, error and failure details).</summary>
    Task<ExecutionObservation> GetAsync(string remoteId, CancellationToken ct);

    /// <summary>
    /// The workflow's runs created between <paramref name="from"/> and <paramref name="to"/>, a page at a time.
    /// A listed run whose observation lacks what a get would tell (v1 list items carry no output) says so.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<ListedRun>> ListCreatedAsync(string workflow, DateTimeOffset from, DateTimeOffset to, int pageSize, CancellationToken ct);

    /// <summary>Every run of the workflow created in <paramref name="window"/>, with whether the listing proves nothing else is there.</summary>
    Task<WindowListing> ListWindowAsync(string workflow, ReconcileWindow window, CancellationToken ct);

    /// <summary>
    /// What the candidates of a reconciliation show of how they were started: legacy list items carry
    /// their input already; a v1 run shows its input and metadata only to a get with <c>expand=input</c>.
    /// </summary>
    Task<RunEchoes> ReadEchoesAsync(IReadOnlyList<ExecutionSummary> candidates, CancellationToken ct);

    /// <summary>Cancels a run; its three outcomes read the same on both surfaces.</summary>
    Task<CancelResponse> CancelAsync(string remoteId, CancellationToken ct);
}

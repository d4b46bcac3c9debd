using Eigenpal.Polling;

namespace Eigenpal.Surfaces;

/// <summary>A run as a list page shows it.</summary>
/// <param name="RemoteId">Its id.</param>
/// <param name="Observation">Its status and what else the page carries.</param>
/// <param name="NeedsGet">The page does not carry all a get would (a completed v1 run's output, a failed run's category and retryable flag): only a get answers for it.</param>
internal sealed record ListedRun(string RemoteId, ExecutionObservation Observation, bool NeedsGet);

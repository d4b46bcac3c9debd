namespace Eigenpal.Imports;

/// <summary>Why a listed run was not adopted, as the import's report counts them.</summary>
internal static class SkipReasons
{
    /// <summary>Its v1 metadata names an attempt or a submission recorded here: the worker started it, and records it itself.</summary>
    public const string StartedByThisWorker = "started by this worker (its attempt is still being reconciled)";

    /// <summary>
    /// It was created inside the window of an attempt of ours whose run is not recorded yet (being sent, lost, or
    /// undetermined): adopting it could make that attempt's reconciliation take it for someone else's run and send again.
    /// </summary>
    public const string MaybeUnreconciled = "may be an unreconciled attempt of ours";

    /// <summary>The API would not show the run (it kept failing, or it answered 404): nothing is recorded, an import later tries again.</summary>
    public const string Unreadable = "could not be read from the API";
}

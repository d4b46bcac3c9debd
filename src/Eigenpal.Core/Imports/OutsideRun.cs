using System.Text.Json;
using Eigenpal.Polling;

namespace Eigenpal.Imports;

/// <summary>One listed run, read as far as an import needs: its state, its input, and who its metadata says started it.</summary>
/// <param name="RemoteId">The execution (run) id.</param>
/// <param name="Observation">Its status and, when terminal, its result, error and failure details.</param>
/// <param name="Input">The input it started with as the API shows it; null when the API shows none.</param>
/// <param name="NamedAttempt">The attempt its v1 metadata names (<see cref="Surfaces.RunMetadata"/>), if any.</param>
/// <param name="NamedSubmission">The submission its v1 metadata names, if any.</param>
internal sealed record OutsideRun(string RemoteId, ExecutionObservation Observation, JsonElement? Input, Guid? NamedAttempt, Guid? NamedSubmission)
{
    /// <summary>Whether the metadata names an attempt or submission at all (a worker of some fleet started it).</summary>
    public bool NamesAWorker => NamedAttempt is not null || NamedSubmission is not null;
}

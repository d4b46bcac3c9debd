using System.Text.Json;

namespace Eigenpal.Api.V1;

/// <summary>One run as returned by <see cref="RunsClient.GetAsync"/> (and by a start that waited for it).</summary>
/// <param name="Id">The run id.</param>
/// <param name="Type"><c>workflow</c> or <c>agent</c>.</param>
/// <param name="Finished">Whether <see cref="RunExecutionMeta.Status"/> is terminal.</param>
/// <param name="Timing">Creation, start and completion times.</param>
/// <param name="Source">The owning automation.</param>
/// <param name="Trigger">How it was started.</param>
/// <param name="Execution">The status and retry chain (the short form, even with <see cref="RunExpand.Execution"/>).</param>
/// <param name="Error">The error message of a failed run; <see langword="null"/> in flight or on success.</param>
/// <param name="Output">The output of a completed run.</param>
/// <param name="Files">The files of a completed run.</param>
/// <param name="Input">The arguments and metadata, with <see cref="RunExpand.Input"/>.</param>
/// <param name="Usage">Usage figures, with <see cref="RunExpand.Usage"/> (untyped).</param>
/// <param name="Debug">The observability section, with <see cref="RunExpand.Debug"/> (untyped).</param>
/// <param name="SampleRank">A stable pseudo-random value in [0, 1).</param>
public sealed record Run(
    string Id,
    string Type,
    bool Finished,
    RunTiming Timing,
    RunSource Source,
    RunTriggerInfo? Trigger,
    RunExecutionMeta Execution,
    string? Error = null,
    JsonElement? Output = null,
    IReadOnlyList<RunArtifact>? Files = null,
    RunInput? Input = null,
    JsonElement? Usage = null,
    JsonElement? Debug = null,
    double? SampleRank = null)
{
    /// <summary>The run's status, <c>execution.status</c>.</summary>
    public ExecutionStatus Status => Execution.Status;
}

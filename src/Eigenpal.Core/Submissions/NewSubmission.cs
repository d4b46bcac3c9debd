using System.Text.Json.Nodes;

namespace Eigenpal.Submissions;

/// <summary>Something to run through a workflow, as handed to <see cref="SubmissionIntake"/>.</summary>
public sealed record NewSubmission
{
    /// <summary>The workflow id or slug, e.g. <c>extract-invoice</c>.</summary>
    public required string Workflow { get; init; }

    /// <summary>A pinned version (release tag or version id); null runs the current published version.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Unique per workflow: recording a submission whose key exists returns the existing one.
    /// Null derives it from workflow, version, scalar input and file hashes (<see cref="IdempotencyKey"/>).
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The scalar (non-file) inputs.</summary>
    public JsonObject Input { get; init; } = [];

    /// <summary>The file inputs, at most one per input name.</summary>
    public IReadOnlyList<SubmissionFile> Files { get; init; } = [];

    /// <summary>What a person recognises the submission by (a file name, a manifest row).</summary>
    public string? SourceName { get; init; }
}

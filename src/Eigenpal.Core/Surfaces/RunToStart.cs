using System.Text.Json.Nodes;
using Eigenpal.Submissions;

namespace Eigenpal.Surfaces;

/// <summary>One attempt's run request, before a surface puts it on the wire.</summary>
/// <param name="Workflow">The workflow as the submission names it (slug or id).</param>
/// <param name="Version">The version pinned by the submission, if any.</param>
/// <param name="Scalars">The non-file inputs.</param>
/// <param name="Files">The file inputs with their bytes (the legacy surface sends them in the request).</param>
/// <param name="UploadedFileIds">Per file input, the id of its upload (v1 starts reference it as <c>$fileId</c>).</param>
/// <param name="Metadata">Who the run belongs to; sent as run metadata where the surface has it.</param>
/// <param name="RerunOf">Set when the run is a v1 rerun of this earlier run (the submission's files are no longer stored): nothing else is sent.</param>
internal sealed record RunToStart(
    string Workflow,
    string? Version,
    JsonObject Scalars,
    IReadOnlyList<SubmissionFile> Files,
    IReadOnlyDictionary<string, string> UploadedFileIds,
    RunMetadata Metadata,
    string? RerunOf = null);

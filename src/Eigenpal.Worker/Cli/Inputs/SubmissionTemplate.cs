using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>What every submission of one <c>eigenpal submit</c> shares.</summary>
/// <param name="Workflow">The workflow id or slug.</param>
/// <param name="Version">The pinned version, or null for the current one.</param>
/// <param name="CommonInput">Scalar inputs given with <c>--input key=value</c>; a manifest row's own values win.</param>
/// <param name="FileInput">The input a file is sent as (<c>--input-field</c>, default <c>contract_document</c>).</param>
/// <param name="MaxFileSize">Files larger than this many bytes are rejected.</param>
internal sealed record SubmissionTemplate(string Workflow, string? Version, JsonObject CommonInput, string FileInput, long MaxFileSize)
{
    /// <summary>A fresh copy of the common inputs for one submission.</summary>
    public JsonObject NewInput() => (JsonObject)CommonInput.DeepClone();
}

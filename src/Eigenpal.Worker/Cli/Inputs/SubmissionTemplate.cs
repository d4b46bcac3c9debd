using System.Text.Json.Nodes;

namespace Eigenpal.Worker.Cli.Inputs;

/// <summary>What every submission of one <c>eigenpal submit</c> shares.</summary>
/// <param name="Workflow">The workflow id or slug.</param>
/// <param name="Version">The pinned version, or null for the current one.</param>
/// <param name="CommonInput">Scalar inputs given with <c>--input key=value</c>; a manifest row's own values win.</param>
/// <param name="FileInput">
/// The input a file is sent as (<c>--input-field</c>, else <see cref="FileInputChoice"/>); null when the
/// schema offers several file inputs and none was chosen, so only <c>file.&lt;input&gt;</c> columns can say.
/// </param>
/// <param name="MaxFileSize">Files larger than this many bytes are rejected.</param>
/// <param name="Schema">The v1 <c>inputSchema</c>'s inputs every row is checked against; null on the legacy surface or without a readable schema.</param>
internal sealed record SubmissionTemplate(string Workflow, string? Version, JsonObject CommonInput, string? FileInput, long MaxFileSize, WorkflowInputs? Schema = null)
{
    /// <summary>A fresh copy of the common inputs for one submission.</summary>
    public JsonObject NewInput() => (JsonObject)CommonInput.DeepClone();

    /// <summary>The types the schema allows for input <paramref name="name"/>, or null when not known.</summary>
    public IReadOnlyList<string>? TypesOf(string name) => Schema?.Find(name)?.Types;

    /// <summary>The schema's problems with what one row would send; none without a schema (see <see cref="InputSchemaCheck.CheckRow"/>).</summary>
    public IReadOnlyList<InputProblem> Check(string where, IReadOnlyList<SentInput> sent, bool fileUnplaced = false) =>
        Schema is null ? [] : InputSchemaCheck.CheckRow(where, Workflow, Schema, sent, fileUnplaced);
}

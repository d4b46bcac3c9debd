using System.Text.Json.Serialization;

namespace Eigenpal.Api;

/// <summary>The kind filter of the workflow list (<c>kind</c> query parameter).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowKind>))]
public enum WorkflowKind
{
    /// <summary>A runnable workflow (<c>workflow</c>).</summary>
    [JsonStringEnumMemberName("workflow")] Workflow,

    /// <summary>A reusable block (<c>block</c>).</summary>
    [JsonStringEnumMemberName("block")] Block,
}

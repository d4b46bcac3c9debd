using System.Text.Json.Serialization;

namespace Eigenpal.Simulator.V1.Modes;

/// <summary>What the <c>source</c> filter of <c>GET /v1/runs</c> accepts; the SDK leaves it open.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceFilterMode>))]
public enum SourceFilterMode
{
    /// <summary><c>source</c> is compared with the automation id (<c>wf_…</c>); a slug or alias matches no run.</summary>
    IdOnly,

    /// <summary>The automation id, its slug, or the <c>workflows.&lt;slug&gt;</c> alias.</summary>
    IdOrSlug,

    /// <summary>The filter is ignored: runs of every workflow come back.</summary>
    Ignored,
}

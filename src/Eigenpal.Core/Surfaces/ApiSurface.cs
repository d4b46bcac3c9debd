namespace Eigenpal.Surfaces;

/// <summary>The two route families of the Eigenpal API a run can be sent on.</summary>
public enum ApiSurface
{
    /// <summary>The workflows surface of SDK 0.6.9: <c>/api/v1/workflows/{id}/run</c> and <c>/api/v1/workflows/executions/…</c>.</summary>
    Legacy,

    /// <summary>The runs surface of SDK 0.8 and later: <c>/v1/runs</c> (or <c>/api/v1/runs</c>), <c>/v1/files</c>, <c>/v1/automations</c>.</summary>
    V1,
}

/// <summary>The names of <see cref="ApiSurface"/> as stored in <c>executions.surface</c> and written in configuration.</summary>
public static class ApiSurfaces
{
    /// <summary>The stored name: <c>legacy</c> or <c>v1</c>.</summary>
    public static string Name(this ApiSurface surface) => surface switch
    {
        ApiSurface.Legacy => "legacy",
        ApiSurface.V1 => "v1",
        _ => throw new ArgumentOutOfRangeException(nameof(surface), surface, null),
    };

    /// <summary>Parses a stored name.</summary>
    public static ApiSurface Parse(string name) => name switch
    {
        "legacy" => ApiSurface.Legacy,
        "v1" => ApiSurface.V1,
        _ => throw new FormatException($"'{name}' is not an API surface (legacy or v1)."),
    };
}

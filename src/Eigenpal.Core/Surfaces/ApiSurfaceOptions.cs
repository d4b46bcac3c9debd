namespace Eigenpal.Surfaces;

/// <summary>
/// Which surface new attempts are sent on, bound from the <c>Eigenpal</c> section
/// (<c>Eigenpal:Api</c>, <c>Eigenpal:RerunVersion</c>). An attempt already sent keeps the surface it
/// was sent on, so switching never strands a run in flight.
/// </summary>
public sealed class ApiSurfaceOptions
{
    /// <summary>
    /// <c>auto</c> (default): ask the configured service once at start which surface answers, v1 first
    /// (<c>/v1</c>, then <c>/api/v1</c>), then legacy. <c>legacy</c> or <c>v1</c>: use that one, no probe.
    /// </summary>
    public string Api { get; set; } = "auto";

    /// <summary>
    /// The version a v1 rerun runs: <c>original</c> (default: the version the failed run used, so a
    /// retry repeats the same work) or <c>latest</c> (the automation's current version).
    /// </summary>
    public string RerunVersion { get; set; } = "original";

    /// <summary>Where a v1 start puts <c>{"$fileId": …}</c>: <c>input</c> (default, as the SDK does) or <c>files</c> (the map the OpenAPI document describes).</summary>
    public string FileReferences { get; set; } = "input";
}

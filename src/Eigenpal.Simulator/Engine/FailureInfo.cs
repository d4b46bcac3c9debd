namespace Eigenpal.Simulator.Engine;

/// <summary>Why a planned execution fails or is rejected, in the wire format's failure vocabulary.</summary>
internal sealed record FailureInfo(string Phase, string Code, string Category, bool Retryable, string UserMessage)
{
    /// <summary>
    /// Failures drawn at random for the configured failure rate; a mix of retryable and permanent
    /// ones so that reprocessing logic sees both.
    /// </summary>
    public static IReadOnlyList<FailureInfo> RandomFailures { get; } =
    [
        new("running", "provider_timeout", "runtime", true, "The model provider did not answer in time. Retrying usually helps."),
        new("running", "provider_unavailable", "system", true, "The model provider was temporarily unavailable."),
        new("preparing_inputs", "input_unreadable", "input", false, "The input could not be read."),
        new("finalizing", "output_schema_mismatch", "output", false, "The workflow output did not match its declared schema."),
    ];

    public static FailureInfo Rejection { get; } =
        new("queued", "rejected_by_policy", "input", false, "The execution was rejected before it started.");
}

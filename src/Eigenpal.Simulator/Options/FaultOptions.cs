namespace Eigenpal.Simulator.Options;

/// <summary>
/// Misbehaviour injected into <c>/api/v1</c> requests, so clients can be tested against a slow,
/// rate-limited, failing or crashing API. All faults are off by default. Bound from
/// <c>Simulator:Faults</c> and replaceable at run time with <c>PUT /_sim/faults</c>.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Minimum added latency per request, in milliseconds.</summary>
    public int LatencyMinMs { get; set; }

    /// <summary>Maximum added latency; equal to <see cref="LatencyMinMs"/> (or 0) for a fixed latency.</summary>
    public int LatencyMaxMs { get; set; }

    /// <summary>Sustained requests per second before 429 (token bucket); 0 turns rate limiting off.</summary>
    public double RateLimitPerSecond { get; set; }

    /// <summary>Bucket size, the burst allowed above the rate; 0 means one second's worth of requests.</summary>
    public int RateLimitBurst { get; set; }

    /// <summary>Fraction (0..1) of requests answered with a 5xx error envelope.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Of those 5xx answers, the fraction (0..1) that are 503 rather than 500.</summary>
    public double ServiceUnavailableShare { get; set; }

    /// <summary>Fraction (0..1) of requests that are never answered until the client gives up (or <see cref="HangMs"/> passes).</summary>
    public double HangRate { get; set; }

    /// <summary>How long a hung request is held before its connection is dropped.</summary>
    public int HangMs { get; set; } = 120_000;

    /// <summary>
    /// Fraction (0..1) of run requests whose execution is created but whose connection is aborted
    /// before the response is written: the crash window a client must reconcile. It applies to the
    /// legacy run route, to the v1 start and rerun (the run exists) and to the v1 upload
    /// negotiation (the session exists), each scoped by <see cref="Endpoints"/> like any fault.
    /// </summary>
    public double LostRunResponseRate { get; set; }

    /// <summary>
    /// Endpoint names the faults apply to (<c>runWorkflow</c>, <c>getExecution</c>, <c>listExecutions</c>,
    /// <c>cancelExecution</c>, <c>listWorkflows</c>, <c>getWorkflow</c>, <c>listVersions</c>, and the v1
    /// names of <see cref="V1.V1EndpointNames"/> such as <c>runs.start</c>); empty means all. The storage
    /// PUT (<c>storage.put</c>) is not an API route and takes no faults.
    /// </summary>
    public IList<string> Endpoints { get; set; } = [];

    /// <summary>HTTP methods the faults apply to (e.g. <c>GET</c>); empty means all.</summary>
    public IList<string> Methods { get; set; } = [];
}

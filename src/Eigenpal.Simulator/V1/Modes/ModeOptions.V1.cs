using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.Options;

/// <summary>The modes of the v1 runs surface (<c>/v1/...</c>, <c>/api/v1/...</c>), beside the legacy ones.</summary>
public sealed partial class ModeOptions
{
    /// <summary>The largest <c>limit</c> the v1 runs list accepts, from the service's OpenAPI document.</summary>
    public const int V1MaxLimit = 100;

    /// <summary>The default upload URL lifetime, in seconds.</summary>
    public const int DefaultUploadUrlLifetimeSeconds = 900;

    /// <summary>Which surfaces answer: both (the default), the legacy workflows routes only, or the v1 routes only.</summary>
    public SurfacesMode Surfaces { get; set; } = SurfacesMode.Both;

    /// <summary>Under which prefix the v1 routes answer: <c>/v1</c> and <c>/api/v1</c> (the default), or one of them.</summary>
    public V1PrefixMode V1Prefix { get; set; } = V1PrefixMode.Both;

    /// <summary>How <c>expand=input</c> shows a run's metadata: as sent, never, or with non-string values turned to strings.</summary>
    public MetadataEchoMode MetadataEcho { get; set; } = MetadataEchoMode.Echoed;

    /// <summary>
    /// The most runs one page of <c>GET /v1/runs</c> holds, whatever <c>limit</c> asks (1–100; a
    /// <c>limit</c> outside 1–100 is a 400 whatever this says). The default limit is the smaller of 50 and this.
    /// </summary>
    public int V1MaxPageSize { get; set; } = V1MaxLimit;

    /// <summary>
    /// Fraction (0..1) of v1 list pages served short: fewer runs than the page could hold (possibly
    /// none) while <c>nextCursor</c> still points at the rest. A page after an empty one is never empty,
    /// so paging always ends. 0 turns it off.
    /// </summary>
    public double V1ShortPageRate { get; set; }

    /// <summary>What the <c>source</c> filter of the v1 runs list accepts.</summary>
    public SourceFilterMode SourceFilter { get; set; } = SourceFilterMode.IdOnly;

    /// <summary>Whether a rerun fills the <c>execution.retry</c> chain of both runs.</summary>
    public RerunChainMode RerunChain { get; set; } = RerunChainMode.Filled;

    /// <summary>Where a v1 start may carry <c>$fileId</c>/<c>$inline</c> references.</summary>
    public FileReferencesMode FileReferences { get; set; } = FileReferencesMode.Both;

    /// <summary>Which transport the upload negotiation answers with.</summary>
    public UploadTransportMode UploadTransport { get; set; } = UploadTransportMode.Multipart;

    /// <summary>What a repeated <c>idempotencyKey</c> on upload negotiation does.</summary>
    public UploadIdempotencyMode UploadIdempotency { get; set; } = UploadIdempotencyMode.SameFile;

    /// <summary>How long a negotiated storage URL (<see cref="UploadTransportMode.PresignedPut"/>) accepts its PUT, in seconds.</summary>
    public int UploadUrlLifetimeSeconds { get; set; } = DefaultUploadUrlLifetimeSeconds;

    /// <summary>The body of a 202 answer to a start or rerun whose <c>wait_for_completion</c> ran out.</summary>
    public WaitTimeoutBodyMode WaitTimeoutBody { get; set; } = WaitTimeoutBodyMode.Run;

    /// <summary>How long each webhook event waits before its first delivery attempt, in milliseconds (0 = at once).</summary>
    public int WebhookDelayMs { get; set; }

    /// <summary>Fraction (0..1) of webhook events delivered a second time (same id and body, new timestamp and signature), as a redelivery would.</summary>
    public double WebhookRepeatRate { get; set; }

    /// <summary>
    /// Fraction (0..1) of webhook events held back until the run's next event has gone out (or one
    /// second passes), so that the two arrive out of order.
    /// </summary>
    public double WebhookReorderRate { get; set; }

    /// <summary>Fraction (0..1) of webhook events never delivered at all.</summary>
    public double WebhookLossRate { get; set; }
}

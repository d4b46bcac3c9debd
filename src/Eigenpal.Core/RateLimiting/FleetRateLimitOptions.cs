using System.ComponentModel.DataAnnotations;

namespace Eigenpal.RateLimiting;

/// <summary>The API rate limit shared by every worker on one database (section <c>Eigenpal:RateLimit</c>).</summary>
public sealed class FleetRateLimitOptions
{
    /// <summary>Sustained API calls per second for the whole fleet.</summary>
    [Range(0.01, 100_000)]
    public double RequestsPerSecond { get; set; } = 50;

    /// <summary>How many calls may go out at once after a quiet period.</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 20;

    /// <summary>Used when a 429 carries no usable Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

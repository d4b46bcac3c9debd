namespace Eigenpal.Simulator.Options;

/// <summary>A distribution of execution durations in milliseconds.</summary>
public sealed class DurationOptions
{
    /// <summary>The distribution's shape.</summary>
    public DurationKind Kind { get; set; } = DurationKind.Fixed;

    /// <summary>Duration for <see cref="DurationKind.Fixed"/>.</summary>
    public double FixedMs { get; set; } = 2000;

    /// <summary>Lower bound for <see cref="DurationKind.Uniform"/>.</summary>
    public double MinMs { get; set; }

    /// <summary>Upper bound for <see cref="DurationKind.Uniform"/>; optional cap for <see cref="DurationKind.LogNormal"/> (0 = no cap).</summary>
    public double MaxMs { get; set; }

    /// <summary>Median for <see cref="DurationKind.LogNormal"/>.</summary>
    public double MedianMs { get; set; } = 2000;

    /// <summary>Shape (standard deviation of the log) for <see cref="DurationKind.LogNormal"/>.</summary>
    public double Sigma { get; set; } = 0.5;

    /// <summary>A fixed duration.</summary>
    public static DurationOptions Fixed(double ms) => new() { Kind = DurationKind.Fixed, FixedMs = ms };

    /// <summary>A uniform duration.</summary>
    public static DurationOptions Uniform(double minMs, double maxMs) =>
        new() { Kind = DurationKind.Uniform, MinMs = minMs, MaxMs = maxMs };

    /// <summary>A log-normal duration.</summary>
    public static DurationOptions LogNormal(double medianMs, double sigma, double capMs = 0) =>
        new() { Kind = DurationKind.LogNormal, MedianMs = medianMs, Sigma = sigma, MaxMs = capMs };
}

using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Engine;

/// <summary>Draws durations from the configured distributions.</summary>
internal static class DurationSampler
{
    public static double SampleMs(DurationOptions d, Random random) => d.Kind switch
    {
        DurationKind.Fixed => d.FixedMs,
        DurationKind.Uniform => d.MinMs + (random.NextDouble() * (d.MaxMs - d.MinMs)),
        DurationKind.LogNormal => Cap(d.MedianMs * Math.Exp(d.Sigma * StandardNormal(random)), d.MaxMs),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d.Kind, "Unknown duration kind."),
    };

    private static double Cap(double value, double cap) => cap > 0 ? Math.Min(value, cap) : value;

    // Box–Muller: two uniforms give one standard normal sample.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

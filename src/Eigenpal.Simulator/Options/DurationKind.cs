namespace Eigenpal.Simulator.Options;

/// <summary>The shape of a duration distribution.</summary>
public enum DurationKind
{
    /// <summary>Always <see cref="DurationOptions.FixedMs"/>.</summary>
    Fixed,

    /// <summary>Uniform between <see cref="DurationOptions.MinMs"/> and <see cref="DurationOptions.MaxMs"/>.</summary>
    Uniform,

    /// <summary>Log-normal with median <see cref="DurationOptions.MedianMs"/> and shape <see cref="DurationOptions.Sigma"/>, capped at <see cref="DurationOptions.MaxMs"/> when set.</summary>
    LogNormal,
}

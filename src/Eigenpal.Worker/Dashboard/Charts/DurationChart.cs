using System.Globalization;
using Eigenpal.Insights;

namespace Eigenpal.Worker.Dashboard.Charts;

/// <summary>The geometry of the duration chart: one row per workflow, a bar to p95 with a mark at p50, on one scale.</summary>
public sealed class DurationChart
{
    /// <summary>The drawing's width in SVG units.</summary>
    public const double Width = 900;

    /// <summary>The height of one workflow's row.</summary>
    public const double RowHeight = 28;

    /// <summary>Room left of the bars for the workflow's name.</summary>
    public const double Left = 180;

    /// <summary>Creates the chart of <paramref name="durations"/>.</summary>
    public DurationChart(IReadOnlyList<WorkflowDuration> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        Durations = durations;
        MaxSeconds = Math.Max(0.001, durations.Count == 0 ? 1 : durations.Max(d => d.P95.TotalSeconds));
    }

    /// <summary>The workflows drawn.</summary>
    public IReadOnlyList<WorkflowDuration> Durations { get; }

    /// <summary>The longest p95 (the right end of the scale).</summary>
    public double MaxSeconds { get; }

    /// <summary>The drawing's height.</summary>
    public double Height => Math.Max(1, Durations.Count) * RowHeight + 4;

    /// <summary>The x of a duration on the scale (the right end leaves room for its label).</summary>
    public double X(TimeSpan duration) => Left + (Width - Left - 120) * duration.TotalSeconds / MaxSeconds;

    /// <summary>The y of row <paramref name="index"/>'s top.</summary>
    public static double Y(int index) => index * RowHeight + 4;

    /// <summary>A coordinate as SVG wants it.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

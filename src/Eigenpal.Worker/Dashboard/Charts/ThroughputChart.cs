using System.Globalization;
using Eigenpal.Insights;

namespace Eigenpal.Worker.Dashboard.Charts;

/// <summary>
/// The geometry of the throughput chart (submitted and finished per minute), computed on the server so that the
/// page ships a plain inline SVG: no script, no library, nothing fetched.
/// </summary>
public sealed class ThroughputChart
{
    /// <summary>The drawing's width in SVG units.</summary>
    public const double Width = 900;

    /// <summary>The drawing's height in SVG units.</summary>
    public const double Height = 180;

    /// <summary>Room left of the plot for the axis labels.</summary>
    public const double Left = 40;

    /// <summary>Room under the plot for the time labels.</summary>
    public const double Bottom = 20;

    /// <summary>Creates the chart of <paramref name="minutes"/> (oldest first).</summary>
    public ThroughputChart(IReadOnlyList<ThroughputMinute> minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        Minutes = minutes;
        Max = Math.Max(1, minutes.Count == 0 ? 1 : minutes.Max(m => Math.Max(m.Submitted, m.Finished)));
        Step = (Width - Left) / Math.Max(1, minutes.Count);
    }

    /// <summary>The minutes drawn.</summary>
    public IReadOnlyList<ThroughputMinute> Minutes { get; }

    /// <summary>The largest count of a minute (the top of the scale).</summary>
    public long Max { get; }

    /// <summary>The width of one minute.</summary>
    public double Step { get; }

    /// <summary>The plot's height.</summary>
    public static double PlotHeight => Height - Bottom;

    /// <summary>The x of minute <paramref name="index"/>'s left edge.</summary>
    public double X(int index) => Left + index * Step;

    /// <summary>The height of a bar of <paramref name="count"/>.</summary>
    public double BarHeight(long count) => PlotHeight * count / Max;

    /// <summary>A coordinate as SVG wants it (invariant culture, two decimals).</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The indexes of the minutes that get a time label (about six along the axis).</summary>
    public IEnumerable<int> LabelledMinutes()
    {
        var every = Math.Max(1, Minutes.Count / 6);
        for (var i = 0; i < Minutes.Count; i += every)
        {
            yield return i;
        }
    }
}

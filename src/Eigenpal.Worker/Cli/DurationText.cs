using System.Globalization;

namespace Eigenpal.Worker.Cli;

/// <summary>Durations as people type them: <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, or a TimeSpan such as <c>00:30:00</c>.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        // Beyond ten thousand years a duration is a typo, and TimeSpan would overflow.
        if (trimmed.Length >= 2 && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            && value * Unit(trimmed[^1]) <= TimeSpan.FromDays(3_650_000).TotalSeconds)
        {
            TimeSpan? parsed = char.ToLowerInvariant(trimmed[^1]) switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                'd' => TimeSpan.FromDays(value),
                'w' => TimeSpan.FromDays(7 * value),
                _ => null,
            };
            if (parsed is { } p)
            {
                duration = p;
                return true;
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    // Seconds per unit, or 0 for a letter that is not a unit.
    private static double Unit(char unit) => char.ToLowerInvariant(unit) switch
    {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 604_800,
        _ => 0,
    };

    public static string Format(TimeSpan duration) => duration.TotalHours >= 1
        ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : duration.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>Timestamps on the wire: ISO-8601 UTC with milliseconds, e.g. <c>2026-01-31T09:30:00.123Z</c>.</summary>
internal static class WireTime
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}

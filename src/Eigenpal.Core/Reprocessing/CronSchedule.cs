using Cronos;

namespace Eigenpal.Reprocessing;

/// <summary>
/// A recurring job's cron read in an IANA time zone, through Cronos (the parser Hangfire itself uses),
/// so that the next run the worker reports is the one Hangfire will fire. Five fields, or six with seconds.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(string cron, CronExpression expression, TimeZoneInfo zone)
    {
        Cron = cron;
        _expression = expression;
        Zone = zone;
    }

    /// <summary>The cron as configured.</summary>
    public string Cron { get; }

    /// <summary>The zone it is read in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>Reads <paramref name="cron"/> in <paramref name="zoneId"/>; the error names <paramref name="settingName"/> and what is wrong.</summary>
    /// <exception cref="FormatException">The cron or the zone is not valid.</exception>
    public static CronSchedule Parse(string settingName, string cron, string zoneId)
    {
        if (!TryParse(settingName, cron, zoneId, out var schedule, out var error))
        {
            throw new FormatException(error);
        }

        return schedule;
    }

    /// <summary>Reads <paramref name="cron"/> in <paramref name="zoneId"/>, or says what is wrong with either.</summary>
    public static bool TryParse(string settingName, string? cron, string? zoneId, out CronSchedule schedule, out string error)
    {
        schedule = null!;
        if (string.IsNullOrWhiteSpace(zoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            error = $"{settingName}:TimeZone '{zoneId}' is not a known time zone: use an IANA name such as UTC, Europe/Berlin or America/New_York.";
            return false;
        }

        var fields = cron?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        if (fields is not (5 or 6))
        {
            error = $"{settingName}:Schedule '{cron}' is not a cron expression: give five fields (minute hour day month weekday, e.g. '0 2 * * *') or six with seconds first.";
            return false;
        }

        try
        {
            var expression = CronExpression.Parse(cron!, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            schedule = new CronSchedule(cron!, expression, zone);
            error = "";
            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"{settingName}:Schedule '{cron}' is not a valid cron expression: {ex.Message}";
            return false;
        }
    }

    /// <summary>The first run strictly after <paramref name="after"/>, or null when the cron never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _expression.GetNextOccurrence(after, Zone);
}

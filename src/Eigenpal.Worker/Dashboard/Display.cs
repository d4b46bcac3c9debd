using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Submissions;

namespace Eigenpal.Worker.Dashboard;

/// <summary>
/// How the pages write numbers, times and JSON: one culture (invariant), one time zone (UTC), so a number on a page
/// reads the same as in <c>/api/v1</c> and in SQL. Everything returned is plain text; Razor HTML-encodes it.
/// </summary>
public static class Display
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Readable text (a "<" stays "<"): the page HTML-encodes it, so nothing in a result can become markup.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A raw number for a <c>data-</c> attribute (what tests and scripts read).</summary>
    public static string Raw(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A raw number for a <c>data-</c> attribute.</summary>
    public static string Raw(double n) => n.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage, one decimal.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A rate per minute.</summary>
    public static string PerMinute(double rate) => rate.ToString(rate >= 10 ? "N0" : "0.0", CultureInfo.InvariantCulture) + "/min";

    /// <summary>A time in UTC, to the second.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A time for a <c>datetime</c> or <c>data-</c> attribute (ISO 8601, UTC, microseconds).</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    /// <summary>A duration as people read it: <c>850 ms</c>, <c>12.4 s</c>, <c>3 min 05 s</c>, <c>2 h 10 min</c>, <c>3 d 4 h</c>.</summary>
    public static string Duration(TimeSpan d) =>
        d.TotalSeconds < 1 ? $"{d.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : d.TotalMinutes < 1 ? $"{d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : d.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds:00} s")
        : d.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} d {d.Hours} h");

    /// <summary>A short form of an id for tables (the full id is in the link and its title).</summary>
    public static string Abbreviated(Guid id) => id.ToString("N")[..8];

    /// <summary>Stored JSON indented for reading; text that is not JSON is returned as it is.</summary>
    public static string PrettyJson(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Pretty) ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>The CSS colour variable a state is drawn in (progress bars, charts).</summary>
    public static string Colour(SubmissionState state) => state switch
    {
        SubmissionState.Completed => "var(--completed)",
        SubmissionState.Failed or SubmissionState.Error or SubmissionState.Vanished => "var(--failed)",
        SubmissionState.Rejected => "#a0522d",
        SubmissionState.Running or SubmissionState.Sending => "var(--running)",
        SubmissionState.Undetermined => "var(--warn)",
        SubmissionState.Cancelled => "#6c757d",
        _ => "var(--pending)",
    };
}

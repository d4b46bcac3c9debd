using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Eigenpal.Simulator.Endpoints;
using Eigenpal.Simulator.Engine;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// The filters of <c>GET /v1/runs</c> (§4.3): <c>type</c>, <c>source</c>, <c>status</c> (comma
/// list), <c>ids</c> (comma list), and the ISO-8601 bounds <c>createdAfter</c>,
/// <c>createdBefore</c>, <c>completedAfter</c>, <c>completedBefore</c>, all inclusive and compared
/// at the millisecond precision the timestamps are shown with. Other parameters are ignored.
/// </summary>
internal sealed partial record RunListFilter(
    string? Type,
    string? Source,
    IReadOnlySet<string>? Statuses,
    IReadOnlySet<string>? Ids,
    DateTimeOffset? CreatedAfter,
    DateTimeOffset? CreatedBefore,
    DateTimeOffset? CompletedAfter,
    DateTimeOffset? CompletedBefore,
    int Limit)
{
    public const int DefaultLimit = 50;

    /// <summary>True when the filter can match no run here: the simulator serves no agents.</summary>
    public bool MatchesNothing => Type == "agent";

    public static bool TryRead(HttpContext context, ModeOptions modes, out RunListFilter filter, out IResult? error)
    {
        filter = null!;
        var query = context.Request.Query;
        if (!V1Request.TryReadInt(context, "limit", 1, ModeOptions.V1MaxLimit, out var limit, out error))
        {
            return false;
        }

        var type = NullIfEmpty(query["type"]);
        if (type is not (null or "workflow" or "agent"))
        {
            error = ApiErrors.Validation(context, "query.type", "type must be 'workflow' or 'agent'.");
            return false;
        }

        var statuses = List(query["status"]);
        if (statuses?.FirstOrDefault(s => !ExecutionStatus.All.Contains(s)) is { } unknown)
        {
            error = ApiErrors.Validation(context, "query.status", $"'{unknown}' is not an execution status ({string.Join(", ", ExecutionStatus.All)}).");
            return false;
        }

        if (!TryTime(context, "createdAfter", out var createdAfter, out error)
            || !TryTime(context, "createdBefore", out var createdBefore, out error)
            || !TryTime(context, "completedAfter", out var completedAfter, out error)
            || !TryTime(context, "completedBefore", out var completedBefore, out error))
        {
            return false;
        }

        filter = new RunListFilter(
            type, NullIfEmpty(query["source"]), statuses, List(query["ids"]), createdAfter, createdBefore, completedAfter, completedBefore,
            Math.Min(limit ?? DefaultLimit, modes.V1MaxPageSize));
        return true;
    }

    /// <summary>Whether the run passes every filter but <c>source</c> and <c>type</c>, at <paramref name="now"/>.</summary>
    public bool Matches(Execution e, DateTimeOffset now)
    {
        if (Ids is not null && !Ids.Contains(e.Id))
        {
            return false;
        }

        var created = Millis(e.CreatedAt);
        if ((CreatedAfter is { } ca && created < ca) || (CreatedBefore is { } cb && created > cb))
        {
            return false;
        }

        var status = e.StatusAt(now);
        if (Statuses is not null && !Statuses.Contains(status))
        {
            return false;
        }

        if (CompletedAfter is null && CompletedBefore is null)
        {
            return true;
        }

        // A terminal run's completion is when it ended, cancel included (the view's completedAt).
        if (!ExecutionStatus.IsTerminal(status))
        {
            return false;
        }

        var completed = Millis(e.EndsAt);
        return !(CompletedAfter is { } fa && completed < fa) && !(CompletedBefore is { } fb && completed > fb);
    }

    /// <summary>A digest of the filter (not the limit), so a cursor is only taken back with the filter it was made for.</summary>
    public string Fingerprint()
    {
        var text = string.Join(
            '\n',
            Type,
            Source,
            Statuses is null ? "" : string.Join(',', Statuses.Order(StringComparer.Ordinal)),
            Ids is null ? "" : string.Join(',', Ids.Order(StringComparer.Ordinal)),
            CreatedAfter?.UtcTicks,
            CreatedBefore?.UtcTicks,
            CompletedAfter?.UtcTicks,
            CompletedBefore?.UtcTicks);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static DateTimeOffset Millis(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static HashSet<string>? List(string? value) =>
        NullIfEmpty(value) is { } v ? new HashSet<string>(v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal) : null;

    private static bool TryTime(HttpContext context, string name, out DateTimeOffset? value, out IResult? error)
    {
        value = null;
        error = null;
        var raw = context.Request.Query[name].ToString().Trim();
        if (raw.Length == 0)
        {
            return true;
        }

        if (IsoDate().IsMatch(raw)
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = ApiErrors.Validation(context, $"query.{name}", $"{name} must be an ISO-8601 timestamp such as 2026-12-01T23:12:37.123Z.");
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}

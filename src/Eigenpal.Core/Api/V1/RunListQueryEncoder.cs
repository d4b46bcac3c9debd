using System.Globalization;
using Eigenpal.Api.Http;

namespace Eigenpal.Api.V1;

/// <summary>The query string of <c>GET {prefix}/runs</c> from a <see cref="RunListQuery"/> and a cursor.</summary>
internal static class RunListQueryEncoder
{
    public static string? Encode(RunListQuery? query, string? cursor) => new QueryBuilder()
        .Add("type", query?.Type)
        .Add("source", query?.Source)
        .AddList("status", query?.Statuses?.Select(s => s.ToWireName()))
        .Add("createdAfter", Floor(query?.CreatedAfter))
        .Add("createdBefore", Ceiling(query?.CreatedBefore))
        .Add("completedAfter", Floor(query?.CompletedAfter))
        .Add("completedBefore", Ceiling(query?.CompletedBefore))
        .AddList("ids", query?.Ids)
        .Add("limit", query?.Limit)
        .Add("cursor", cursor)
        .Build();

    /// <summary>An after-bound, rounded down to the millisecond: the window can only grow.</summary>
    internal static string? Floor(DateTimeOffset? value) =>
        value is { } v ? Format(new DateTimeOffset(v.UtcTicks - (v.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero)) : null;

    /// <summary>A before-bound, rounded up to the millisecond: the window can only grow.</summary>
    internal static string? Ceiling(DateTimeOffset? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        var rest = v.UtcTicks % TimeSpan.TicksPerMillisecond;
        return Format(new DateTimeOffset(rest == 0 ? v.UtcTicks : v.UtcTicks - rest + TimeSpan.TicksPerMillisecond, TimeSpan.Zero));
    }

    private static string Format(DateTimeOffset utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

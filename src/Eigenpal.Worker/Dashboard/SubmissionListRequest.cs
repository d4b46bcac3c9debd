using System.Globalization;
using Eigenpal.Submissions;
using Eigenpal.Submissions.Queries;
using Eigenpal.Worker.Cli;
using Microsoft.Extensions.Primitives;

namespace Eigenpal.Worker.Dashboard;

/// <summary>
/// The submissions list's filters as they arrive in a query string (<c>?state=failed&amp;workflow=…&amp;batch=…&amp;since=…&amp;cursor=…</c>),
/// read the same way by the page and by <c>/api/v1/submissions</c>. Anything that cannot be read is reported, never guessed.
/// </summary>
public sealed record SubmissionListRequest(SubmissionPageQuery Query, IReadOnlyList<string> Problems)
{
    /// <summary>The most rows a page may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>The rows of a page when none is asked for.</summary>
    public const int DefaultLimit = 50;

    /// <summary>No filter: every submission, the first page.</summary>
    public static SubmissionListRequest Empty { get; } = new(new SubmissionPageQuery(), []);

    /// <summary>
    /// Reads <c>state</c> (repeated or comma-separated state names), <c>workflow</c>, <c>batch</c> (a batch id),
    /// <c>since</c> (an ISO 8601 time, or a duration back from now such as <c>2h</c>), <c>limit</c> and <c>cursor</c>.
    /// </summary>
    public static SubmissionListRequest Parse(IQueryCollection query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        var states = new List<SubmissionState>();
        foreach (var name in Values(query["state"]))
        {
            if (SubmissionStates.TryParse(name, out var state))
            {
                states.Add(state);
            }
            else
            {
                problems.Add($"state '{name}' is not one of {string.Join(", ", SubmissionStates.AllNames)}.");
            }
        }

        Guid? batch = null;
        if (Single(query["batch"]) is { } batchText)
        {
            if (Guid.TryParse(batchText, out var id))
            {
                batch = id;
            }
            else
            {
                problems.Add($"batch '{batchText}' is not a batch id.");
            }
        }

        DateTimeOffset? since = null;
        if (Single(query["since"]) is { } sinceText)
        {
            since = ParseSince(sinceText, now);
            if (since is null)
            {
                problems.Add($"since '{sinceText}' is neither a time (2026-12-01T08:00:00Z) nor a duration back from now (90m, 2h, 7d).");
            }
        }

        var limit = DefaultLimit;
        if (Single(query["limit"]) is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            problems.Add($"limit '{limitText}' is not a number from 1 to {MaxLimit}.");
            limit = DefaultLimit;
        }

        PageCursor? after = null;
        if (Single(query["cursor"]) is { } cursorText)
        {
            if (PageCursor.TryParse(cursorText, out var cursor))
            {
                after = cursor;
            }
            else
            {
                problems.Add("cursor is not one this list gave out.");
            }
        }

        return new SubmissionListRequest(
            new SubmissionPageQuery
            {
                States = states, Workflow = Single(query["workflow"]), BatchId = batch, Since = since, After = after, Limit = limit,
            },
            problems);
    }

    /// <summary>The query string of the same filters (without a cursor), for links to the next page and elsewhere.</summary>
    public string FilterQueryString()
    {
        var parts = new List<KeyValuePair<string, string?>>();
        parts.AddRange(Query.States.Select(s => new KeyValuePair<string, string?>("state", s.Name())));
        Add(parts, "workflow", Query.Workflow);
        Add(parts, "batch", Query.BatchId?.ToString());
        Add(parts, "since", Query.Since?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
        if (Query.Limit != DefaultLimit)
        {
            Add(parts, "limit", Query.Limit.ToString(CultureInfo.InvariantCulture));
        }

        return Microsoft.AspNetCore.Http.QueryString.Create(parts).ToUriComponent();
    }

    private static DateTimeOffset? ParseSince(string text, DateTimeOffset now) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : DurationText.TryParse(text, out var back) && back < now - DateTimeOffset.MinValue ? now - back
        : null;

    private static void Add(List<KeyValuePair<string, string?>> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(new(key, value));
        }
    }

    private static IEnumerable<string> Values(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? Single(StringValues values) => values.LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}

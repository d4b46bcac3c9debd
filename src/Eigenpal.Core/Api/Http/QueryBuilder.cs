using System.Globalization;
using System.Text;

namespace Eigenpal.Api.Http;

/// <summary>Builds a percent-encoded query string, leaving out values that are not set.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        if (_query.Length > 0)
        {
            _query.Append('&');
        }

        _query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a list joined with <c>,</c> (kept literal, as the official SDK sends it).</summary>
    public QueryBuilder AddList(string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return this;
        }

        var joined = string.Join(",", values.Select(Uri.EscapeDataString));
        if (joined.Length == 0)
        {
            return this;
        }

        if (_query.Length > 0)
        {
            _query.Append('&');
        }

        _query.Append(Uri.EscapeDataString(name)).Append('=').Append(joined);
        return this;
    }

    public string? Build() => _query.Length == 0 ? null : _query.ToString();

    /// <summary>Percent-encodes one path segment.</summary>
    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }
}

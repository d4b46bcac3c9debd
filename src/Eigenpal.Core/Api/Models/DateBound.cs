using System.Globalization;
using System.Text.RegularExpressions;

namespace Eigenpal.Api;

/// <summary>
/// A date filter of the executions list (<c>fromDate</c>/<c>toDate</c>): either an instant, sent as
/// ISO-8601 UTC (round-trip <c>"o"</c> format), or a relative expression such as <c>now()</c>,
/// <c>now()-7d</c>, <c>now()-12h</c> or <c>now()-30m</c>. <see cref="ToString"/> returns the wire form.
/// </summary>
public readonly partial record struct DateBound
{
    private readonly string? _wire;

    private DateBound(string wire) => _wire = wire;

    /// <summary>A bound at an instant, sent in UTC.</summary>
    /// <param name="instant">The instant.</param>
    public static DateBound FromDateTimeOffset(DateTimeOffset instant) =>
        new(instant.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));

    /// <summary>Converts an instant to a bound sent in UTC.</summary>
    /// <param name="instant">The instant.</param>
    public static implicit operator DateBound(DateTimeOffset instant) => FromDateTimeOffset(instant);

    /// <summary>
    /// A bound relative to the server's clock: <c>now()</c>, optionally followed by <c>+</c> or <c>-</c>,
    /// a whole number and a unit (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or <c>w</c>), e.g. <c>now()-7d</c>.
    /// </summary>
    /// <param name="expression">The expression.</param>
    /// <exception cref="ArgumentException">The expression is not of that form.</exception>
    public static DateBound Relative(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!RelativePattern().IsMatch(expression))
        {
            throw new ArgumentException(
                $"'{expression}' is not a relative date expression such as now(), now()-7d, now()-12h or now()-30m.",
                nameof(expression));
        }

        return new DateBound(expression);
    }

    /// <summary>The wire form of the bound (empty for <see langword="default"/>).</summary>
    public override string ToString() => _wire ?? string.Empty;

    [GeneratedRegex(@"^now\(\)(?:[+-][0-9]{1,9}[smhdw])?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();
}

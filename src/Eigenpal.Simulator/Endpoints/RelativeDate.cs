using System.Globalization;
using System.Text.RegularExpressions;

namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// Reads <c>fromDate</c>/<c>toDate</c>: ISO-8601 (UTC assumed without an offset) or a relative
/// expression: <c>now()</c>, <c>now()-7d</c>, <c>now()+1h</c>, or the short forms <c>-12h</c>,
/// <c>-30m</c>. Units: s, m, h, d, w.
/// </summary>
internal static partial class RelativeDate
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset value)
    {
        var match = RelativePattern().Match(text.Trim());
        if (match.Success)
        {
            value = now;
            if (match.Groups["sign"].Success)
            {
                var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
                var span = match.Groups["unit"].Value switch
                {
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    "d" => TimeSpan.FromDays(amount),
                    _ => TimeSpan.FromDays(7 * amount),
                };
                value = match.Groups["sign"].Value == "-" ? now - span : now + span;
            }

            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    [GeneratedRegex(@"^(?:now\(\))?(?:(?<sign>[+-])\s*(?<amount>\d+(?:\.\d+)?)\s*(?<unit>[smhdw]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();
}

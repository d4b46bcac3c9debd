using System.Globalization;

namespace Eigenpal.Simulator.Modes;

/// <summary>
/// A JSON number as a JavaScript server writes it back (<c>JSON.stringify(JSON.parse(n))</c>):
/// read as a double, then printed in its shortest round-trip form by ECMAScript's
/// <c>Number::toString</c> rules: <c>1.50</c> → <c>1.5</c>, <c>2.0</c> → <c>2</c>,
/// <c>1e3</c> → <c>1000</c>, <c>1e21</c> → <c>1e+21</c>, <c>1e-7</c> → <c>1e-7</c>.
/// </summary>
internal static class JavaScriptNumber
{
    public static string Reserialize(string raw)
    {
        var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            return "null"; // JSON.stringify(Infinity)
        }

        if (value == 0)
        {
            return "0"; // -0 too
        }

        // .NET's "R" is the shortest string that reads back as the same double; only its layout differs from JavaScript's.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        if (text.IndexOf('E', StringComparison.Ordinal) is var e and >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? text.Remove(dot, 1) : text;
        var point = dot >= 0 ? dot : text.Length;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leadingZeros..].TrimEnd('0');
        var n = point - leadingZeros + exponent; // value = 0.digits × 10^n
        var k = digits.Length;

        var result =
            k <= n && n <= 21 ? digits + new string('0', n - k)
            : 0 < n && n <= 21 ? digits[..n] + "." + digits[n..]
            : -6 < n && n <= 0 ? "0." + new string('0', -n) + digits
            : (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + (n - 1 < 0 ? "-" : "+") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        return negative ? "-" + result : result;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Eigenpal.Simulator.V1.Runs;

/// <summary>
/// The opaque <c>nextCursor</c> of the v1 runs list: a keyset position (the last run served, by
/// creation time and id), the order it was served in, and the filter it belongs to, signed so
/// that a made-up or altered cursor is a 400 rather than a silently wrong page. <c>Page</c> keeps
/// two cursors at the same position (after an empty page) distinct.
/// </summary>
internal readonly record struct RunCursor(string Filter, bool NewestFirst, long CreatedTicks, string Id, bool AfterEmpty, int Page)
{
    // Per process: cursors do not outlive the simulator that issued them, as a real server's need not.
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public string Encode()
    {
        var payload = string.Join('|', Filter, NewestFirst ? "n" : "o", CreatedTicks.ToString(CultureInfo.InvariantCulture), Id, AfterEmpty ? "1" : "0", Page.ToString(CultureInfo.InvariantCulture));
        return Base64Url($"{payload}|{Mac(payload)}");
    }

    public static bool TryDecode(string text, out RunCursor cursor)
    {
        cursor = default;
        string decoded;
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4)));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = decoded.Split('|');
        if (parts.Length != 7 || Mac(string.Join('|', parts[..6])) != parts[6]
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            || !int.TryParse(parts[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var page))
        {
            return false;
        }

        cursor = new RunCursor(parts[0], parts[1] == "n", ticks, parts[3], parts[4] == "1", page);
        return true;
    }

    /// <summary>Whether a run with this key comes after the cursor's position in the cursor's order.</summary>
    public bool Follows(long createdTicks, string id)
    {
        var compared = createdTicks != CreatedTicks ? createdTicks.CompareTo(CreatedTicks) : string.CompareOrdinal(id, Id);
        return NewestFirst ? compared < 0 : compared > 0;
    }

    private static string Mac(string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(payload)))[..16];

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Eigenpal.Submissions.Queries;

/// <summary>
/// Where a keyset-paged list stopped: the time and id of the last row shown. The next page starts
/// strictly after it, so rows are never skipped or repeated while the list itself does not change,
/// and a page costs the same however deep it is (no OFFSET).
/// </summary>
/// <param name="At">The ordering time of the last row (a submission's <c>updated_at</c>, a batch's <c>created_at</c>).</param>
/// <param name="Id">The last row's id, which breaks ties between rows of the same time.</param>
public readonly record struct PageCursor(DateTimeOffset At, Guid Id)
{
    /// <summary>The cursor as it travels in a URL: microseconds since the Unix epoch, a dot, the id.</summary>
    public string Encode() =>
        string.Create(CultureInfo.InvariantCulture, $"{(At.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{Id:N}");

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PageCursor? cursor)
    {
        cursor = null;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (text is null || dot <= 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || !Guid.TryParseExact(text.AsSpan(dot + 1), "N", out var id)
            || micros is < -62_135_596_800_000_000 or > 253_402_300_799_000_000)
        {
            return false;
        }

        cursor = new PageCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
        return true;
    }
}

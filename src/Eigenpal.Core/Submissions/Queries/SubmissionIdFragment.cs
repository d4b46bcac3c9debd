namespace Eigenpal.Submissions.Queries;

/// <summary>
/// The short form of submission ids, and the part of an id an operator types. Ids are UUIDv7: they start
/// with their creation time, so every id of a batch shares its first digits, while the last ones are
/// random. The short form is therefore the <see cref="ShortLength"/> last hex digits, and a typed
/// fragment may be the start or the end of an id.
/// </summary>
public static class SubmissionIdFragment
{
    /// <summary>How many of the last hex digits the short form shows.</summary>
    public const int ShortLength = 8;

    /// <summary>The fewest hex digits taken as a fragment (fewer would match nearly everything).</summary>
    public const int MinLength = 4;

    /// <summary>The last <see cref="ShortLength"/> hex digits of <paramref name="id"/>, as <c>eigenpal list</c> shows it.</summary>
    public static string ShortForm(Guid id) => id.ToString("N")[^ShortLength..];

    /// <summary>
    /// The lower-case hex digits of <paramref name="text"/> (hyphens dropped) when it may be part of an id:
    /// <see cref="MinLength"/> to 31 hex digits. Null for anything else (a whole id, an execution id).
    /// </summary>
    public static string? Parse(string? text)
    {
        var digits = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return digits.Length is >= MinLength and < 32 && digits.All(Uri.IsHexDigit) ? digits : null;
    }
}

using System.Globalization;

namespace Eigenpal.Retention;

/// <summary>A file input whose bytes the retention purged: its name and hash stay, its content is gone.</summary>
/// <param name="InputName">The workflow input it was given for.</param>
/// <param name="PurgedAt">When its bytes were purged (unknown for a row emptied without the retention's bookkeeping).</param>
public sealed record PurgedFile(string InputName, DateTimeOffset? PurgedAt)
{
    /// <summary>
    /// Why a submission with these purged files cannot be sent again from the store, for its recorded reason:
    /// <c>its stored files (invoice) were purged on 2026-11-02 by the retention (Eigenpal:Retention:PurgeAfter)</c>.
    /// </summary>
    public static string CannotResendReason(IReadOnlyCollection<PurgedFile> files)
    {
        var names = string.Join(", ", files.Select(f => f.InputName));
        var dates = string.Join(", ", files.Select(f => f.PurgedAt).OfType<DateTimeOffset>()
            .Select(t => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().Order(StringComparer.Ordinal));
        return $"its stored files ({names}) were purged{(dates.Length > 0 ? " on " + dates : "")} by the retention ({RetentionOptions.Section}:{nameof(RetentionOptions.PurgeAfter)}), so it cannot be sent again";
    }
}

using System.Text.RegularExpressions;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Recognises, in a recorded reason, the API's refusal of a run for a missing input (400 with an
/// issue on field <c>body.input.NAME</c> that says it is required, e.g. "Input 'NAME' is required.")
/// and turns it into a hint naming the option to pass. The name is read from the refusal itself,
/// never assumed: a workflow names its inputs as its author chose.
/// </summary>
internal static partial class RequiredInputHint
{
    /// <summary>The input a refusal says is missing, or null when <paramref name="reason"/> is no such refusal.</summary>
    public static string? MissingInput(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return null;
        }

        if (FieldForm().Match(reason) is { Success: true } field)
        {
            return field.Groups["name"].Value;
        }

        return MessageForm().Match(reason) is { Success: true } message ? message.Groups["name"].Value : null;
    }

    /// <summary>
    /// The hint for a refusal of a missing input, or null. <paramref name="sentFiles"/> says whether the
    /// submission carried files (then the input is most likely the file input), null when unknown.
    /// </summary>
    public static string? For(string? reason, bool? sentFiles)
    {
        if (MissingInput(reason) is not { } name)
        {
            return null;
        }

        var expects = $"the workflow expects input '{name}': ";
        return sentFiles switch
        {
            true => expects + $"pass --input-field {name}",
            false => expects + $"pass --input {name}=VALUE (or a file with --input-field {name})",
            null => expects + $"pass --input-field {name} for a file input (or --input {name}=VALUE for a value)",
        };
    }

    /// <summary>The distinct hints for several reasons, in their order.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string?> reasons, bool? sentFiles) =>
        reasons.Select(r => For(r, sentFiles)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    // "400 body.input.document: Input 'document' is required. (request …)" as the sender records a refusal.
    [GeneratedRegex(@"\bbody\.input\.(?<name>[A-Za-z0-9_\-]+):[^\n]*\brequired\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FieldForm();

    [GeneratedRegex(@"\bInput '(?<name>[^']+)' is required\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MessageForm();
}

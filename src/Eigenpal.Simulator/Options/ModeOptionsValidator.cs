using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.Options;

/// <summary>Checks modes, both at start and when they are replaced at run time.</summary>
internal static class ModeOptionsValidator
{
    /// <summary>About ten years: far enough for any clock skew, near enough to stay inside <see cref="DateTimeOffset"/>.</summary>
    public const double MaxClockOffsetSeconds = 10 * 366 * 24 * 3600;

    public static void Validate(string path, ModeOptions modes, List<string> errors)
    {
        if (!Enum.IsDefined(modes.FileEcho))
        {
            errors.Add($"{path}:FileEcho must be one of {string.Join(", ", Enum.GetNames<FileEchoMode>())}.");
        }

        if (!Enum.IsDefined(modes.ListOrder))
        {
            errors.Add($"{path}:ListOrder must be one of {string.Join(", ", Enum.GetNames<ListOrderMode>())}.");
        }

        if (modes.MaxPageSize < 1)
        {
            errors.Add($"{path}:MaxPageSize must be at least 1.");
        }

        if (modes.EmptyPagesFromOffset < 0)
        {
            errors.Add($"{path}:EmptyPagesFromOffset must not be negative (0 turns it off).");
        }

        if (modes.ListVisibilityDelayMs < 0)
        {
            errors.Add($"{path}:ListVisibilityDelayMs must not be negative (0 turns it off).");
        }

        SimulatorOptionsValidator.CheckFraction($"{path}:LookAlikeRate", modes.LookAlikeRate, errors);
        if (!(Math.Abs(modes.ClockOffsetSeconds) <= MaxClockOffsetSeconds))
        {
            errors.Add($"{path}:ClockOffsetSeconds must be a number of seconds between -{MaxClockOffsetSeconds} and {MaxClockOffsetSeconds}.");
        }

        V1ModeValidator.Validate(path, modes, errors);
    }

    public static IReadOnlyList<string> Validate(ModeOptions modes)
    {
        var errors = new List<string>();
        Validate("modes", modes, errors);
        return errors;
    }
}

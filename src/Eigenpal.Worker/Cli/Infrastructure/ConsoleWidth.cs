using System.Globalization;
using Spectre.Console;

namespace Eigenpal.Worker.Cli.Infrastructure;

/// <summary>
/// How wide the commands' tables may be. Spectre.Console reads the terminal's width, and off a terminal (a
/// pipe, a CI log) it assumes 80 columns, which splits ids and dates over several lines. Here
/// <c>COLUMNS</c> wins when set (as <c>ls</c> and <c>git</c> honour it), then the terminal's own width,
/// and off a terminal a wide <see cref="Redirected"/> so each row stays on one line for grep and logs.
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>The width when output goes to a file or pipe and <c>COLUMNS</c> is not set.</summary>
    public const int Redirected = 200;

    /// <summary>The widest <c>COLUMNS</c> believed; anything else is ignored as a typo.</summary>
    public const int MaxColumns = 10_000;

    /// <summary>The width from <paramref name="columns"/> (the variable), else the terminal's, else <see cref="Redirected"/>.</summary>
    public static int Resolve(string? columns, bool outputRedirected, int terminalWidth)
    {
        if (int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width is > 0 and <= MaxColumns)
        {
            return width;
        }

        return !outputRedirected && terminalWidth > 0 ? terminalWidth : Redirected;
    }

    /// <summary>The console the <c>eigenpal</c> command writes to: standard output at the resolved width.</summary>
    public static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = Resolve(Environment.GetEnvironmentVariable("COLUMNS"), Console.IsOutputRedirected, console.Profile.Width);
        return console;
    }
}

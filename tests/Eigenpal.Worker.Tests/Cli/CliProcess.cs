using System.Diagnostics;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// Runs the built <c>eigenpal</c> command as a real process with its output piped, as a CI log or
/// <c>| grep</c> would see it: the console is the one the command makes for itself, not a test console.
/// </summary>
public sealed record CliProcess(int ExitCode, string Output, string Error)
{
    public static async Task<CliProcess> RunAsync(IReadOnlyDictionary<string, string?> environment, string? standardInput, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "eigenpal.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment.Remove("COLUMNS");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start eigenpal");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliProcess(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}:\n{Output}\n{Error}";
}

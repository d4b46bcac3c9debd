using System.Text.Json.Nodes;
using Eigenpal.Worker.Cli;
using Spectre.Console.Testing;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Runs an <c>eigenpal</c> command in-process with its own configuration and a test console.</summary>
public sealed record CliRun(int ExitCode, string Output)
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var overrides = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        var code = await EigenpalCommandLine.RunAsync(args, console, overrides);
        return new CliRun(code, console.Output);
    }

    /// <summary>The output as the JSON object that <c>--json</c> prints.</summary>
    public JsonObject Json => JsonNode.Parse(Output)?.AsObject() ?? throw new InvalidOperationException("no JSON output: " + Output);

    public override string ToString() => $"exit {ExitCode}:\n{Output}";
}

using Eigenpal.Worker.Cli;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>Help and usage errors are answered before any service is built: no database, no API, no rate limiter.</summary>
public sealed class CliStartupTests
{
    // Nothing listens on port 1: any attempt to reach either would fail (or hang until a timeout).
    private static readonly Dictionary<string, string> Unreachable = new()
    {
        ["ConnectionStrings__Eigenpal"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Timeout=1",
        ["EIGENPAL_API_KEY"] = "sim-test-key",
        ["EIGENPAL_BASE_URL"] = "http://127.0.0.1:1",
    };

    [Theory]
    [InlineData("--help")]
    [InlineData("submit", "--help")]
    [InlineData("cancel", "--help")]
    public async Task Help_needs_neither_the_database_nor_the_API(params string[] args)
    {
        var run = await CliRun.RunAsync(Unreachable, args);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.DoesNotContain("Cannot use the database", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_exits_2_without_touching_the_database()
    {
        var run = await CliRun.RunAsync(Unreachable, "cancel");

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("either a submission id or --batch", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot use the database", run.Output, StringComparison.Ordinal);
    }
}

using Eigenpal.Worker.Cli.Infrastructure;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Cli;

/// <summary>
/// Issue 10, at the terminal: off a terminal tables are no longer squeezed into 80 columns, and
/// <c>COLUMNS</c> is honoured. The commands run as real processes with their output piped.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class TableWidthTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("120", false, 80, 120)]
    [InlineData("120", true, 80, 120)]
    [InlineData(null, false, 132, 132)]
    [InlineData(null, true, 80, ConsoleWidth.Redirected)]
    [InlineData("", true, 80, ConsoleWidth.Redirected)]
    [InlineData("wide", false, 100, 100)]
    [InlineData("0", true, 80, ConsoleWidth.Redirected)]
    [InlineData("-5", true, 80, ConsoleWidth.Redirected)]
    public void Columns_wins_then_the_terminal_then_a_wide_default(string? columns, bool redirected, int terminal, int expected) =>
        Assert.Equal(expected, ConsoleWidth.Resolve(columns, redirected, terminal));

    [Fact]
    public async Task Piped_list_keeps_each_row_on_one_line_and_honours_columns()
    {
        await using var db = await ShortIdTests.SeedAsync(postgres);
        var environment = ShortIdTests.Settings(db).ToDictionary(s => s.Key, s => (string?)s.Value);

        var piped = await CliProcess.RunAsync(environment, null, "list", "--full-ids");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        var ids = await db.ColumnAsync<Guid>("SELECT id FROM eigenpal.submissions");
        foreach (var id in ids)
        {
            // The whole id, its file, its state and its date on the line of the id.
            var line = Assert.Single(piped.Output.Split('\n'), l => l.Contains(id.ToString(), StringComparison.Ordinal));
            Assert.Contains(".pdf", line, StringComparison.Ordinal);
            Assert.Contains("completed", line, StringComparison.Ordinal);
            Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", line);
        }

        environment["COLUMNS"] = "60";
        var narrow = await CliProcess.RunAsync(environment, null, "list", "--full-ids");
        Assert.True(narrow.ExitCode == 0, narrow.ToString());
        Assert.All(narrow.Output.Split('\n'), l => Assert.True(l.Length <= 60, $"{l.Length} columns: {l}"));
        Assert.Contains(narrow.Output.Split('\n'), l => l.Length > 50);
    }
}

using Eigenpal.Storage;
using Eigenpal.Worker.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal migrate</c>: applies pending migrations of the tracking schema, installs Hangfire's, and exits.</summary>
internal sealed class MigrateCommand(Infrastructure.CliServices services) : AsyncCommand<MigrateCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        services.EnsureStoreConfigured();
        var applied = await new DatabaseMigrator(services.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
        await HangfireSchemaInstaller.InstallAsync(services.DataSource, cancellationToken);
        services.Console.MarkupLine(applied.Count == 0
            ? "[green]The tracking schema is up to date.[/]"
            : $"[green]Applied {applied.Count} migration(s):[/] {Markup.Escape(string.Join(", ", applied))}");
        services.Console.MarkupLine("[green]Hangfire's schema is up to date.[/]");
        return 0;
    }
}

using Eigenpal.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal migrate</c>: applies pending migrations and exits.</summary>
internal sealed class MigrateCommand(Infrastructure.CliServices services) : AsyncCommand<MigrateCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddEigenpalStore(builder.Configuration);
        using var host = builder.Build();
        var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        services.Console.MarkupLine(applied.Count == 0
            ? "[green]The tracking schema is up to date.[/]"
            : $"[green]Applied {applied.Count} migration(s):[/] {Markup.Escape(string.Join(", ", applied))}");
        return 0;
    }
}

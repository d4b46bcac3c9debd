using Eigenpal.Worker.Hosting;
using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary><c>eigenpal worker</c>: runs the host until it is stopped.</summary>
internal sealed class WorkerCommand : AsyncCommand<WorkerCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--urls <URLS>")]
        [System.ComponentModel.Description("Where the dashboard listens (default " + WorkerHost.DefaultUrl + ").")]
        public string? Urls { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var args = settings.Urls is null ? Array.Empty<string>() : ["--urls", settings.Urls];
        await using var app = WorkerHost.Build(args);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}

using Spectre.Console.Cli;

namespace Eigenpal.Worker.Cli;

/// <summary>The <c>eigenpal</c> command: one executable for the worker and the operator's commands.</summary>
public static class EigenpalCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("eigenpal");
            config.AddCommand<WorkerCommand>("worker")
                .WithDescription("Run the worker: Hangfire server, relay, poller and dashboard, until stopped (Ctrl+C, SIGTERM).")
                .WithExample("worker")
                .WithExample("worker", "--urls", "http://0.0.0.0:5081");
            config.AddCommand<MigrateCommand>("migrate")
                .WithDescription("Apply the tracking schema's pending migrations to ConnectionStrings__Eigenpal, then exit.")
                .WithExample("migrate");
        });
        return app.RunAsync(args, cancellationToken);
    }
}

using Eigenpal.Imports;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;

namespace Eigenpal.Worker.Cli.Import;

/// <summary>
/// Shows how far an import has got while it runs: a live progress bar when a person watches (a spinner
/// while the window is listed, then runs decided of runs listed), a plain line every few seconds otherwise
/// (CI, pipes), nothing with <c>--json</c>. The importer reports from several reads at once; only the
/// latest report is kept and the display reads it on its own beat.
/// </summary>
internal sealed class ImportProgressDisplay(CliServices services) : IProgress<ImportProgress>
{
    private ImportProgress _latest = new(null, 0, 0);

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan PlainLineInterval { get; init; } = TimeSpan.FromSeconds(5);

    public void Report(ImportProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>Shows the progress of <paramref name="work"/> until it ends, and returns its result.</summary>
    public async Task<T> ShowWhileAsync<T>(Task<T> work, bool quiet, CancellationToken ct)
    {
        if (quiet)
        {
            return await work;
        }

        if (services.IsInteractive)
        {
            await services.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Describe(_latest), maxValue: 1);
                    while (true)
                    {
                        var now = Volatile.Read(ref _latest);
                        task.IsIndeterminate = now.Listed is null;
                        task.MaxValue = Math.Max(now.Listed ?? 1, 1);
                        task.Value = now.Listed is 0 ? 1 : now.Decided;
                        task.Description = Describe(now);
                        if (work.IsCompleted)
                        {
                            break;
                        }

                        await Task.WhenAny(work, Task.Delay(RefreshInterval, services.Time, ct));
                    }

                    task.StopTask();
                });
            return await work;
        }

        var lastLine = services.Time.GetTimestamp();
        services.Console.WriteLine(Describe(_latest));
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(RefreshInterval, services.Time, ct));
            if (services.Time.GetElapsedTime(lastLine) >= PlainLineInterval)
            {
                services.Console.WriteLine(Describe(Volatile.Read(ref _latest)));
                lastLine = services.Time.GetTimestamp();
            }
        }

        return await work;
    }

    private static string Describe(ImportProgress progress) => progress.Listed is { } listed
        ? $"{progress.Decided}/{listed} runs decided, {progress.Imported} imported"
        : "Listing the workflow's runs…";
}

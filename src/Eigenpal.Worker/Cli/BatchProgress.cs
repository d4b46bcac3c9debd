using System.Globalization;
using Eigenpal.Submissions;
using Eigenpal.Worker.Cli.Infrastructure;
using Spectre.Console;

namespace Eigenpal.Worker.Cli;

/// <summary>
/// Follows a set of submissions in the store until each is in a final state: a live progress bar
/// when a person watches, a plain line every few seconds otherwise (CI, pipes), nothing with --json.
/// </summary>
internal sealed class BatchProgress(CliServices services)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PlainLineInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Waits, then returns the final counts per state and whether every submission ended before the timeout.</summary>
    public async Task<(IReadOnlyDictionary<string, long> Counts, bool Ended)> WaitAsync(
        IReadOnlyCollection<Guid> ids, TimeSpan? timeout, bool quiet, CancellationToken ct)
    {
        var time = services.Time;
        var started = time.GetTimestamp();
        var tally = new Tally(ids.Count, await services.Queries.CountByStateAsync(ids, ct));
        var finalAtStart = tally.Final;
        bool TimedOut() => timeout is { } t && time.GetElapsedTime(started) >= t;
        double Rate() => (tally.Final - finalAtStart) / Math.Max(time.GetElapsedTime(started).TotalSeconds, 0.001);

        async Task<bool> NextAsync()
        {
            if (tally.Done || TimedOut())
            {
                return false;
            }

            await Task.Delay(PollInterval, time, ct);
            tally = new Tally(ids.Count, await services.Queries.CountByStateAsync(ids, ct));
            return true;
        }

        if (quiet)
        {
            while (await NextAsync())
            {
            }
        }
        else if (services.IsInteractive)
        {
            await services.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(tally.Describe(Rate()), maxValue: Math.Max(ids.Count, 1));
                    do
                    {
                        task.Value = tally.Final;
                        task.Description = tally.Describe(Rate());
                    }
                    while (await NextAsync());
                    task.Value = tally.Final;
                    task.Description = tally.Describe(Rate());
                    task.StopTask();
                });
        }
        else
        {
            var lastLine = time.GetTimestamp();
            services.Console.WriteLine(tally.Line(Rate()));
            while (await NextAsync())
            {
                if (time.GetElapsedTime(lastLine) >= PlainLineInterval)
                {
                    services.Console.WriteLine(tally.Line(Rate()));
                    lastLine = time.GetTimestamp();
                }
            }

            services.Console.WriteLine(tally.Line(Rate()));
        }

        return (tally.Counts, tally.Done);
    }

    private sealed record Tally(int Total, IReadOnlyDictionary<string, long> Counts)
    {
        public long Queued => Count(SubmissionState.Pending.Name()) + Count(SubmissionState.Sending.Name());

        public long Running => Count(SubmissionState.Running.Name());

        public long Completed => Count(SubmissionState.Completed.Name());

        public long Final => Counts.Where(c => SubmissionStates.IsFinal(c.Key)).Sum(c => c.Value);

        public long NotCompleted => Final - Completed;

        public bool Done => Final >= Total;

        public string Describe(double rate) =>
            $"[grey]queued[/] {Queued} [blue]running[/] {Running} [green]completed[/] {Completed} [red]failed[/] {NotCompleted} [grey]{rate.ToString("0.0", CultureInfo.InvariantCulture)}/s[/]";

        public string Line(double rate)
        {
            var remaining = Total - Final;
            var eta = rate > 0 && remaining > 0 ? " ETA " + DurationText.Format(TimeSpan.FromSeconds(remaining / rate)) : "";
            return $"{Final}/{Total} ended: queued {Queued}, running {Running}, completed {Completed}, failed {NotCompleted}, " +
                $"{rate.ToString("0.0", CultureInfo.InvariantCulture)}/s{eta}";
        }

        private long Count(string state) => Counts.GetValueOrDefault(state);
    }
}

using Eigenpal.Executions;
using Eigenpal.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Reprocessing;

/// <summary>
/// One reprocess run, whoever started it (the recurring job, the dashboard, the command): it reads the
/// failed submissions of the selection, judges each by <see cref="ReprocessPolicy"/>, and moves those that
/// qualify (oldest first, up to the cap) back to pending, spread at the fleet's rate, so the sender makes
/// their next attempt with the guarantees of a first one. Each move is guarded on the attempt that was
/// judged: runs at the same time, or a run after one that died half-way, never give one submission two
/// new attempts. A dry run judges the same way and writes nothing.
/// </summary>
public sealed partial class ReprocessRunner(
    NpgsqlDataSource dataSource,
    ReprocessPolicy policy,
    IOptions<ReprocessOptions> options,
    IOptions<FleetRateLimitOptions> rateLimit,
    ILogger<ReprocessRunner> logger)
{

    /// <summary>Runs <paramref name="request"/>; <paramref name="progress"/> hears how many were moved so far.</summary>
    public async Task<ReprocessReport> RunAsync(ReprocessRequest request, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (runId, startedAt) = request.DryRun ? (Guid.Empty, DateTimeOffset.MinValue) : await ReprocessStore.StartRunAsync(connection, request.Trigger, request.Selection, ct);
        var skipped = SkipReasons.All.ToDictionary(r => r, _ => 0);
        var qualified = 0;
        var resubmitted = 0;
        try
        {
            var othersSince = await OthersSinceAsync(connection, request.Selection, ct);
            var (rows, now) = await ReprocessStore.ReadCandidatesAsync(connection, request.Selection, othersSince, ct);
            if (request.DryRun)
            {
                startedAt = now;
            }

            var cap = request.Selection.Cap ?? options.Value.CapPerRun;
            var decisions = new List<ReprocessDecision>(rows.Count);
            var chosen = new List<(FailedCandidate Candidate, string Why)>();
            foreach (var (candidate, sourceName) in rows)
            {
                var skip = policy.Judge(candidate, now, request.Selection.MaxAttempts);
                var why = Explain(candidate, skip, request.Selection.MaxAttempts);
                if (skip is null)
                {
                    qualified++;
                    if (chosen.Count >= cap)
                    {
                        skip = SkipReason.OverTheCap;
                        why = $"the cap of {cap} per run was reached: the next run takes it";
                    }
                    else
                    {
                        chosen.Add((candidate, why));
                    }
                }

                if (skip is { } reason)
                {
                    skipped[reason]++;
                }

                decisions.Add(new ReprocessDecision(candidate.SubmissionId, sourceName, candidate.Workflow, candidate.Attempt, candidate.FailedAt, candidate.Error, skip, why));
            }

            if (!request.DryRun)
            {
                var taken = await ReopenAsync(connection, runId, request.Trigger, chosen, now, moved =>
                {
                    resubmitted = moved;
                    progress?.Report(moved);
                }, (counted, ct2) => ReprocessStore.RecordAsync(connection, runId, qualified, counted, skipped, finished: false, error: null, ct2), ct);
                skipped[SkipReason.TakenMeanwhile] = chosen.Count - taken.Count;
                decisions = [.. decisions.Select(d => d.Skip is null && !taken.Contains(d.SubmissionId)
                    ? d with { Skip = SkipReason.TakenMeanwhile, Why = "another run or an operator changed it first" }
                    : d)];
                await ReprocessStore.RecordAsync(connection, runId, qualified, resubmitted, skipped, finished: true, error: null, ct);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var trigger = request.Trigger.Name();
                    var skippedText = Describe(skipped);
                    LogRun(logger, runId, trigger, rows.Count, qualified, resubmitted, skippedText);
                }
            }

            return new ReprocessReport(runId, request.Trigger, startedAt, request.DryRun ? null : now, qualified, resubmitted, skipped, request.Selection, DryRun: request.DryRun)
            {
                Decisions = decisions,
            };
        }
        catch (Exception ex) when (!request.DryRun && ex is not OperationCanceledException)
        {
            await RecordFailureAsync(runId, qualified, resubmitted, skipped, ex);
            throw;
        }
    }

    /// <summary>
    /// What a run of <paramref name="selection"/> would take now: the same counts as a dry run (qualified, skipped
    /// per reason, over the cap), counted in SQL groups rather than judged one by one (see <see cref="ReprocessPreview"/>),
    /// so the dashboard can show it on every view at any volume. The report lists no decisions and records nothing.
    /// </summary>
    public async Task<ReprocessReport> PreviewAsync(ReprocessSelection selection, ReprocessTrigger trigger = ReprocessTrigger.Dashboard, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var othersSince = await OthersSinceAsync(connection, selection, ct);
        var (qualified, skipped, now) = await ReprocessPreview.CountAsync(connection, policy, options.Value, selection, othersSince, ct);
        return new ReprocessReport(Guid.Empty, trigger, now, null, qualified, 0, skipped, selection, DryRun: true);
    }

    /// <summary>The last <paramref name="last"/> reports, newest first.</summary>
    public async Task<IReadOnlyList<ReprocessReport>> HistoryAsync(int last, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReprocessStore.HistoryAsync(connection, last, ct);
    }

    // Rejected, cancelled and error submissions never qualify; they are reported for the selection's window, or
    // since the last run began, rather than all of history every night.
    private static async Task<DateTimeOffset> OthersSinceAsync(NpgsqlConnection connection, ReprocessSelection selection, CancellationToken ct) =>
        selection.Since is { } since
            ? DateTimeOffset.UtcNow - since
            : await ReprocessStore.LastFinishedRunStartAsync(connection, ct) ?? DateTimeOffset.MinValue.AddYears(1);

    // Moves the chosen submissions in chunks, each its own statement and commit, spread over time at the
    // run's rate: the i-th may be sent i / rate seconds after the run read its candidates. Returns the ids that moved.
    private async Task<HashSet<Guid>> ReopenAsync(
        NpgsqlConnection connection, Guid runId, ReprocessTrigger trigger, List<(FailedCandidate Candidate, string Why)> chosen, DateTimeOffset spreadFrom,
        Action<int> moved, Func<int, CancellationToken, Task> recordProgress, CancellationToken ct)
    {
        var rate = options.Value.RatePerSecond ?? rateLimit.Value.RequestsPerSecond;
        var taken = new HashSet<Guid>();
        var chunkSize = options.Value.MovesPerStatement;
        for (var start = 0; start < chosen.Count; start += chunkSize)
        {
            var chunk = chosen.Skip(start).Take(chunkSize).Select((c, i) => new Reopening(
                c.Candidate.SubmissionId, c.Candidate.Attempt, spreadFrom + TimeSpan.FromSeconds((start + i) / rate), c.Candidate.FilesPurged,
                $"reprocess run {runId} ({trigger.Name()}): attempt {c.Candidate.Attempt} failed{Category(c.Candidate)}; {c.Why}")).ToList();
            taken.UnionWith(await StateChange.ReopenFailedAsync(connection, chunk, ct));
            moved(taken.Count);
            await recordProgress(taken.Count, ct);
        }

        return taken;
    }

    private string Explain(FailedCandidate candidate, SkipReason? skip, int? askedMaxAttempts) => skip switch
    {
        null => policy.Retryability(candidate.Workflow, candidate.Retryable, candidate.FailureCategory, candidate.Error).Why,
        SkipReason.NotRetryable => policy.Retryability(candidate.Workflow, candidate.Retryable, candidate.FailureCategory, candidate.Error).Why,
        SkipReason.MaxAttempts => $"{candidate.Attempt} attempt(s) made, {policy.MaxAttempts(candidate.Workflow, askedMaxAttempts)} allowed",
        SkipReason.TooRecent => $"failed less than {options.Value.MinAge} ago (Eigenpal:Reprocess:MinAge)",
        SkipReason.InputsPurged => "its stored files were purged by the retention, and no v1 run is there to rerun",
        SkipReason.InputsNotStored => candidate.InputsMissing!,
        SkipReason.Rejected => "the workflow rejected it: running it again gives the same answer",
        SkipReason.Cancelled => "it was cancelled",
        SkipReason.Error => $"it could not be submitted ({candidate.Error ?? "no reason recorded"}): fix the cause and submit it again",
        _ => skip.Value.Name(),
    };

    private static string Category(FailedCandidate candidate) => candidate.FailureCategory is { } category ? $" ({category})" : "";

    private static string Describe(Dictionary<SkipReason, int> skipped) =>
        string.Join(", ", skipped.Where(s => s.Value > 0).Select(s => $"{s.Key.Name()} {s.Value}")) is { Length: > 0 } text ? text : "none";

    // The run's own record of why it stopped, on a connection of its own (the run's may be what broke).
    private async Task RecordFailureAsync(Guid runId, int qualified, int resubmitted, Dictionary<SkipReason, int> skipped, Exception ex)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await ReprocessStore.RecordAsync(connection, runId, qualified, resubmitted, skipped, finished: true, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
        }
        catch (Exception recordError) when (recordError is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogNotRecorded(logger, runId, recordError.Message);
        }
    }

    [LoggerMessage(EventId = 900, EventName = "ReprocessRun", Level = LogLevel.Information,
        Message = "Reprocess run {RunId} ({Trigger}): {Candidates} failed submission(s) looked at, {Qualified} qualified, {Resubmitted} resubmitted; skipped: {Skipped}")]
    private static partial void LogRun(ILogger logger, Guid runId, string trigger, int candidates, int qualified, int resubmitted, string skipped);

    [LoggerMessage(EventId = 901, EventName = "ReprocessRunNotRecorded", Level = LogLevel.Warning,
        Message = "Reprocess run {RunId} failed and its failure could not be recorded: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, Guid runId, string error);
}

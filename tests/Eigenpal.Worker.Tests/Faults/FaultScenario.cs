using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Eigenpal.Worker.Tests.Faults;

/// <summary>
/// One fault-suite run: a <see cref="WorkerScenario"/> (its own database, an in-process simulator over
/// real HTTP, real worker processes) with faults and modes set, an extract-invoice batch recorded,
/// faults (SIGKILLs, PostgreSQL restarts) struck at conditions, and afterwards the figures and the
/// per-submission truth read back from the simulator.
/// </summary>
public sealed class FaultScenario : IAsyncDisposable
{
    public const string Workflow = "extract-invoice";

    /// <summary>The scalar every invoice carries, written <c>1.50</c>: an echo re-serialised as <c>1.5</c> must still match.</summary>
    public const string AmountText = "1.50";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly HashSet<WorkerProcess> _killed = [];
    private readonly List<string> _broken = [];
    private readonly List<string> _unexpectedExits = [];
    private TimeSpan _lastFault;
    private int _faults;

    private FaultScenario(WorkerScenario scenario, string label, FaultSuiteProfile profile, int invoices)
    {
        Scenario = scenario;
        Requests = new SimulatorRequestLog(scenario.Simulator.BaseUrl);
        Label = label;
        Profile = profile;
        Invoices = invoices;
    }

    public WorkerScenario Scenario { get; }

    /// <summary>Every request the simulator served, with its times (evidence for Retry-After checks).</summary>
    public SimulatorRequestLog Requests { get; }

    public string Label { get; }

    public FaultSuiteProfile Profile { get; }

    public int Invoices { get; }

    /// <summary>Starts the scenario and records the batch (no worker yet); its workers send on <paramref name="surface"/>.</summary>
    public static async Task<FaultScenario> StartAsync(
        PostgresServer postgres, string label, FaultSuiteProfile profile, FaultOptions faults, ModeOptions modes, int? invoices = null, string surface = "legacy")
    {
        var scenario = await WorkerScenario.StartAsync(postgres, o =>
        {
            o.Faults = faults;
            o.Modes = modes;
        }, surface);
        scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = Format(profile.SettleTime);
        scenario.Settings["Eigenpal__Timeout"] = Format(profile.RequestTimeout);
        scenario.Settings["Eigenpal__Worker__ReenqueueAfter"] = Format(profile.ReenqueueAfter);
        if (profile.ClaimLease is { } lease)
        {
            scenario.Settings["Eigenpal__Polling__ClaimLease"] = Format(lease);
        }
        scenario.Settings["Eigenpal__RateLimit__RequestsPerSecond"] = FaultSuiteProfile.WorkerRequestsPerSecond.ToString(CultureInfo.InvariantCulture);
        scenario.Settings["Eigenpal__RateLimit__Burst"] = FaultSuiteProfile.WorkerBurst.ToString(CultureInfo.InvariantCulture);
        // Timestamps in the workers' output (kept with EIGENPAL_FAULT_LOGS), to line their calls up with the faults.
        scenario.Settings["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        var run = new FaultScenario(scenario, label, profile, invoices ?? profile.Invoices);
        await scenario.Database.Intake.RecordBatchAsync(label, Batch(run.Invoices, label));
        return run;
    }

    /// <summary>Invoices with distinct file names and contents, each with the scalar <c>amount</c> = <c>1.50</c> (a JSON number, text kept).</summary>
    public static List<NewSubmission> Batch(int count, string tag) => Enumerable.Range(0, count)
        .Select(i => SampleSubmissions.Invoice(i, tag) with { Input = new JsonObject { ["amount"] = JsonNode.Parse(AmountText) } })
        .ToList();

    /// <summary>Submissions whose run the worker has recorded (a remote id on any attempt).</summary>
    public Task<long> SentAsync() => Scenario.Database.ScalarAsync<long>(
        "SELECT count(DISTINCT submission_id) FROM eigenpal.executions WHERE remote_id IS NOT NULL");

    /// <summary>Waits until at least <paramref name="sent"/> submissions have a recorded run.</summary>
    public Task WaitUntilSentAsync(long sent, string what) =>
        Eventually.WaitAsync(() => { Supervise(); return SentAsync(); }, s => s >= sent, TimeSpan.FromSeconds(120), $"{sent} submissions to have a run ({what})",
            async () => await Scenario.Database.DescribeAsync() + "\n" + Scenario.WorkerOutputTail());

    /// <summary>
    /// Workers that exited without being killed by the test. Each is replaced at once, as the
    /// deployment's restart policy would (docker-compose: <c>restart: unless-stopped</c>), so that the
    /// run's other guarantees can still be measured; the exit itself is a broken guarantee
    /// (DESIGN.md: resume within seconds after kill -9), reported by <see cref="AssertGuarantees"/>.
    /// </summary>
    public IReadOnlyList<string> UnexpectedExits => _unexpectedExits;

    /// <summary>Replaces every worker that exited on its own; called from every wait.</summary>
    private void Supervise()
    {
        foreach (var worker in Scenario.Workers.ToList())
        {
            if (worker.HasExited && !_killed.Contains(worker) && _killed.Add(worker))
            {
                _unexpectedExits.Add($"worker {worker.Id} exited on its own at {_clock.Elapsed.TotalSeconds:0.0} s ({Faults} faults so far); its output (tail):\n"
                    + string.Join('\n', worker.Output.Split('\n').TakeLast(30)));
                Scenario.StartWorker();
            }
        }
    }

    private int Faults => _faults;

    /// <summary>SIGKILLs <paramref name="worker"/> (and remembers it was the test's doing).</summary>
    public async Task KillAsync(WorkerProcess worker)
    {
        _killed.Add(worker);
        await worker.KillAsync();
    }

    /// <summary>Records a broken guarantee without stopping the run, so one failure does not hide the others.</summary>
    public void Check(bool holds, string guarantee)
    {
        if (!holds)
        {
            _broken.Add(guarantee);
        }
    }

    /// <summary>Fails with every broken guarantee (and every unexpected worker exit) seen in the run.</summary>
    public void AssertGuarantees()
    {
        var all = _broken.Concat(_unexpectedExits.Select(e => "a worker must not exit by itself: " + e)).ToList();
        Assert.True(all.Count == 0, $"[{Label}] {all.Count} guarantee(s) broken:\n- " + string.Join("\n- ", all));
    }

    /// <summary>
    /// Starts one worker and SIGKILLs it <see cref="FaultSuiteProfile.Kills"/> times, each time once
    /// another share of the batch has a run (1/(kills+1), 2/(kills+1), …), restarting it at once.
    /// </summary>
    public async Task RunWithKillsAsync(int kills)
    {
        var worker = Scenario.StartWorker();
        for (var k = 1; k <= kills; k++)
        {
            await WaitUntilSentAsync(Invoices * k / (kills + 1), $"before kill {k}");
            await KillAsync(worker);
            NoteFault();
            worker = Scenario.StartWorker();
        }
    }

    /// <summary>Marks the moment of a fault (kill, restart): the all-final deadline counts from the last one.</summary>
    public void NoteFault()
    {
        _lastFault = _clock.Elapsed;
        _faults++;
    }

    /// <summary>
    /// Waits (on the condition, not a sleep) until every submission is final. Taking longer than
    /// <paramref name="within"/> (default <see cref="FaultSuiteProfile.FinalWithin"/>) after the last
    /// fault is a broken guarantee; the wait then goes on for up to two more minutes so the run's other
    /// figures and guarantees can still be reported. Returns the figures (and prints them).
    /// </summary>
    public async Task<FaultFigures> WaitAllFinalAsync(ITestOutputHelper output, TimeSpan? within = null)
    {
        var limit = within ?? Profile.FinalWithin;
        var finalAfter = await WaitFinalUntilAsync(_lastFault + limit);
        if (finalAfter is null)
        {
            Check(false, $"every submission final within {limit.TotalSeconds:0} s of the last fault: at that point " +
                $"{await Scenario.Database.DescribeAsync()}\n{await UnfinishedAsync()}\nworker output (tail):\n{Scenario.WorkerOutputTail()}");
            finalAfter = await WaitFinalUntilAsync(_clock.Elapsed + TimeSpan.FromMinutes(2));
        }

        var figures = await FiguresAsync(finalAfter);
        Report(output, figures);
        if (finalAfter is null)
        {
            Check(false, $"still not every submission final two minutes later: {await Scenario.Database.DescribeAsync()}\n{await UnfinishedAsync()}");
            AssertGuarantees();
        }

        return figures;
    }

    // The time (on the run's clock) by which every submission was final, or null when the deadline passed first.
    private async Task<TimeSpan?> WaitFinalUntilAsync(TimeSpan deadline)
    {
        while (true)
        {
            Supervise();
            try
            {
                if (await Scenario.Database.FinalCountAsync() >= Invoices)
                {
                    return _clock.Elapsed;
                }
            }
            catch (System.Data.Common.DbException)
            {
                // The database may be restarting under the test on purpose; ask again.
            }

            if (_clock.Elapsed >= deadline)
            {
                return null;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The figures so far.</summary>
    public async Task<FaultFigures> FiguresAsync(TimeSpan? finalAt = null)
    {
        var counters = Scenario.Simulator.GetCounters();
        var db = Scenario.Database;
        return new FaultFigures(
            Label, Profile.Name, Invoices, Scenario.Workers.Count, _faults,
            counters.LostResponses,
            await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.status_changes WHERE detail LIKE 'reconciled:%'"),
            await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE status = 'not-created'"),
            await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'undetermined'"),
            counters.DuplicateInputExecutions,
            counters.RequestsBeforeRetryAfter,
            counters.RateLimited,
            counters.ServerErrors,
            counters.Requests.Values.Sum(),
            counters.LookAlikesCreated,
            ((finalAt ?? _clock.Elapsed) - _lastFault).TotalSeconds,
            (finalAt ?? _clock.Elapsed).TotalSeconds);
    }

    private static void Report(ITestOutputHelper output, FaultFigures figures)
    {
        output.WriteLine(FaultFigures.Header);
        output.WriteLine(figures.ToString());
        if (Environment.GetEnvironmentVariable(FaultSuiteProfile.ReportVariable) is { Length: > 0 } file)
        {
            lock (ReportGate)
            {
                File.AppendAllText(file, figures.ToTsv() + "\n");
            }
        }
    }

    private static readonly Lock ReportGate = new();

    /// <summary>The rows of submissions not final yet, for a timeout's message.</summary>
    public async Task<string> UnfinishedAsync()
    {
        var rows = await Scenario.Database.ColumnAsync<string>("""
            SELECT s.source_name || ' ' || s.state || ' attempt ' || s.attempt || ': ' || COALESCE(s.state_reason, '') || ' | ' ||
                   COALESCE(string_agg(e.attempt || '=' || e.status || ' remote=' || COALESCE(e.remote_id, '-') || ' window=' ||
                   COALESCE(e.window_from::text, '?') || '..' || COALESCE(e.window_to::text, '?') || ' reconcile_since=' || COALESCE(e.reconcile_since::text, '-')
                   || ' failures=' || e.reconcile_failures, '; ' ORDER BY e.attempt), '')
            FROM eigenpal.submissions s LEFT JOIN eigenpal.executions e ON e.submission_id = s.id
            WHERE s.state NOT IN ('completed', 'failed', 'cancelled', 'rejected', 'error', 'undetermined', 'vanished')
            GROUP BY s.id ORDER BY s.source_name LIMIT 20
            """);
        return "unfinished submissions (first 20):\n" + string.Join("\n", rows);
    }

    /// <summary>
    /// What really happened, from the simulator: faults and modes are switched off (every echo then
    /// carries the file's SHA-256 and the scalars byte for byte), the workflow's executions are listed
    /// whole, and each submission is matched to the executions made from its bytes.
    /// </summary>
    public async Task<Truth> TruthAsync()
    {
        var simulator = Scenario.Simulator;
        simulator.SetFaults(new FaultOptions());
        simulator.SetModes(new ModeOptions());

        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", simulator.ApiKey);
        var executions = new List<RemoteRun>();
        for (var offset = 0; ; offset += 100)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"api/v1/workflows/{Workflow}/executions?limit=100&offset={offset}"));
            var data = page.RootElement.GetProperty("data");
            foreach (var item in data.EnumerateArray())
            {
                var input = item.GetProperty("triggerInput");
                executions.Add(new RemoteRun(
                    item.GetProperty("id").GetString()!,
                    input.GetProperty("contract_document").GetProperty("sha256").GetString()!,
                    input.TryGetProperty("amount", out var amount) ? amount.GetRawText() : null));
            }

            if (data.GetArrayLength() == 0 || offset + data.GetArrayLength() >= page.RootElement.GetProperty("total").GetInt32())
            {
                break;
            }
        }

        var submissions = new List<SubmissionTruth>();
        await using (var command = Scenario.Database.DataSource.CreateCommand("""
            SELECT s.id, s.source_name, s.state, s.state_reason, s.attempt, e.status, e.remote_id, e.candidates, f.sha256,
                   (SELECT count(*) FROM eigenpal.executions x WHERE x.submission_id = s.id)
            FROM eigenpal.submissions s
            JOIN eigenpal.submission_files f ON f.submission_id = s.id
            LEFT JOIN eigenpal.executions e ON e.submission_id = s.id AND e.attempt = s.attempt
            ORDER BY s.source_name
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var bySha = executions.ToLookup(e => e.Sha256, StringComparer.OrdinalIgnoreCase);
            while (await reader.ReadAsync())
            {
                var sha = reader.GetString(8);
                submissions.Add(new SubmissionTruth(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? [] : reader.GetFieldValue<string[]>(7), [.. bySha[sha].Select(e => e.Id)], reader.GetInt64(9)));
            }
        }

        return new Truth(executions, submissions);
    }

    /// <summary>The rows of one submission, for a failure's evidence.</summary>
    public async Task<string> EvidenceAsync(Guid submission)
    {
        var rows = await Scenario.Database.ColumnAsync<string>($"""
            SELECT s.state || ' | ' || COALESCE(s.state_reason, '-') || ' | attempt ' || e.attempt || ' ' || e.status || ' remote=' || COALESCE(e.remote_id, '-')
                   || ' window=' || COALESCE(e.window_from::text, '?') || '..' || COALESCE(e.window_to::text, '?')
                   || ' candidates=' || COALESCE(array_to_string(e.candidates, ','), '-') || ' sent_at=' || e.sent_at::text
            FROM eigenpal.submissions s JOIN eigenpal.executions e ON e.submission_id = s.id
            WHERE s.id = '{submission}' ORDER BY e.attempt
            """);
        var history = await Scenario.Database.ColumnAsync<string>($"""
            SELECT c.changed_at::text || ' ' || COALESCE(c.from_status, '-') || ' -> ' || c.to_status || ' by ' || COALESCE(c.observed_by, '-') || ': ' || COALESCE(c.detail, '')
            FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id
            WHERE e.submission_id = '{submission}' ORDER BY c.id
            """);
        return string.Join("\n", rows) + "\nhistory:\n" + string.Join("\n", history);
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // EIGENPAL_FAULT_LOGS: keep every worker's output (bench/faults/run.sh sets it).
        if (Environment.GetEnvironmentVariable("EIGENPAL_FAULT_LOGS") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            for (var i = 0; i < Scenario.Workers.Count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, $"{Label}-worker{i + 1}.log"), Scenario.Workers[i].Output);
            }
        }

        Requests.Dispose();
        await Scenario.DisposeAsync();
    }
}

/// <summary>An execution of the workflow as the simulator holds it: made from the file with <paramref name="Sha256"/>.</summary>
public sealed record RemoteRun(string Id, string Sha256, string? AmountRaw);

/// <summary>A submission's recorded outcome next to the executions the simulator made from its bytes.</summary>
public sealed record SubmissionTruth(
    Guid Id, string Source, string State, string? Reason, int Attempt, string? AttemptStatus, string? RemoteId,
    string[] Candidates, IReadOnlyList<string> RemoteRuns, long Attempts);

public sealed record Truth(IReadOnlyList<RemoteRun> Executions, IReadOnlyList<SubmissionTruth> Submissions);

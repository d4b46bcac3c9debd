using Eigenpal.RateLimiting;
using System.Globalization;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Polling;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;
using Eigenpal.Storage;
using Eigenpal.Surfaces;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Eigenpal.Worker.Tests.Polling;

/// <summary>
/// The poller in process, one test per branch, against a real PostgreSQL and an in-process simulator
/// over real HTTP. The simulator's clock is fake (classify-text takes 10 s: created, then pending
/// from 0.5 s, …, completed from 10 s), and the poller's time is the database's: a test makes an
/// execution due, or its 404s old, by moving timestamps with SQL instead of sleeping.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ExecutionPollerTests(PostgresServer postgres) : IAsyncLifetime, IDisposable
{
    private const string Workflow = "classify-text";

    // Starts at the real time: the list call's window is built from sent_at on the database clock.
    private readonly FakeTimeProvider _apiClock = new(DateTimeOffset.UtcNow);
    private readonly PollingOptions _polling = new()
    {
        MinInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(60), AgeFactor = 0.25,
        Jitter = 0, // exact delays; the jitter itself is PollScheduleTests' business
        NotFoundTimeout = TimeSpan.FromSeconds(30),
    };

    private TrackingDatabase _database = null!;
    private SimulatorHost _simulator = null!;
    private EigenpalClient _client = null!;

    public async Task InitializeAsync()
    {
        _database = await TrackingDatabase.CreateAsync(postgres);
        _simulator = await SimulatorHost.StartAsync(
            o =>
            {
                o.Seed = 7;
                o.Workflows[Workflow] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(10_000), FailureRate = 0, RejectionRate = 0 };
            },
            _apiClock);
        // No retries inside the client: one poll is one request, so the counters count polls.
        _client = new EigenpalClient(new EigenpalClientOptions
        {
            ApiKey = _simulator.ApiKey, BaseUrl = _simulator.BaseUrl.ToString(), Timeout = TimeSpan.FromSeconds(10),
            MaxRetryAttempts = 0, RetryRateLimited = false,
        });
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_status_change_seen_by_get_is_recorded_with_its_history()
    {
        var submission = (await SubmitAsync(1))[0];
        _apiClock.Advance(TimeSpan.FromSeconds(11));
        await MakeDueAsync();

        var report = await Poller().PollDueAsync(CancellationToken.None);

        Assert.Equal((1, 1, 0, 1, 0), (report.Claimed, report.Changed, report.ListCalls, report.GetCalls, report.Failed));
        Assert.Equal("completed", await ExecutionAsync<string>(submission, "status"));
        Assert.True(await ExecutionAsync<bool>(submission, "next_poll_at IS NULL AND result IS NOT NULL"));
        Assert.Equal("completed", await SubmissionAsync<string>(submission, "state"));
        Assert.Equal("created>completed:seen by get", await LastChangeAsync(submission));
    }

    [Fact]
    public async Task Status_changes_of_several_executions_are_seen_through_one_list_call()
    {
        var submissions = await SubmitAsync(3); // ListThreshold is 3
        _apiClock.Advance(TimeSpan.FromSeconds(11));
        await MakeDueAsync();

        var report = await Poller().PollDueAsync(CancellationToken.None);

        Assert.Equal((3, 3, 1, 0), (report.Claimed, report.Changed, report.ListCalls, report.GetCalls));
        Assert.Equal(0, _simulator.GetCounters().RequestsTo("getExecution"));
        foreach (var submission in submissions)
        {
            Assert.Equal("completed", await SubmissionAsync<string>(submission, "state"));
            Assert.Equal("created>completed:seen by list", await LastChangeAsync(submission));
        }
    }

    [Fact]
    public async Task A_failing_list_call_falls_back_to_gets_and_is_no_failure_of_the_executions()
    {
        var submissions = await SubmitAsync(3);
        _simulator.SetFaults(new FaultOptions { ServerErrorRate = 1, Endpoints = ["listExecutions"] });
        _apiClock.Advance(TimeSpan.FromSeconds(11));
        await MakeDueAsync();

        var report = await Poller().PollDueAsync(CancellationToken.None);

        Assert.Equal((3, 3, 1, 3, 0), (report.Claimed, report.Changed, report.ListCalls, report.GetCalls, report.Failed));
        foreach (var submission in submissions)
        {
            Assert.Equal("created>completed:seen by get", await LastChangeAsync(submission));
            Assert.Equal(0, await ExecutionAsync<int>(submission, "poll_failures"));
        }
    }

    [Fact]
    public async Task A_failing_poll_backs_off_exponentially_and_keeps_the_execution_tracked()
    {
        var submission = (await SubmitAsync(1))[0];
        _simulator.SetFaults(new FaultOptions { ServerErrorRate = 1, Endpoints = ["getExecution"] });
        var poller = Poller();
        var delays = new List<double>();
        await MakeDueAsync();

        // One minute of 1 s poll ticks, played on the database clock: each tick moves the next poll 1 s closer.
        for (var tick = 0; tick < 60; tick++)
        {
            var report = await poller.PollDueAsync(CancellationToken.None);
            if (report.Claimed > 0)
            {
                Assert.Equal(1, report.Failed);
                delays.Add(await ExecutionAsync<double>(submission, "EXTRACT(EPOCH FROM next_poll_at - now())::float8"));
            }

            await ExecuteAsync("UPDATE eigenpal.executions SET next_poll_at = next_poll_at - interval '1 second' WHERE next_poll_at IS NOT NULL");
        }

        // MinInterval × 2^failures: polls at 0, 2, 6, 14 and 30 s instead of 60 polls, one per MinInterval.
        Assert.Equal(new double[] { 2, 4, 8, 16, 32 }, delays.Select(d => Math.Round(d)));
        Assert.Equal(5, _simulator.GetCounters().RequestsTo("getExecution"));
        Assert.Equal(5, await ExecutionAsync<int>(submission, "poll_failures"));
        Assert.StartsWith("500: ", await ExecutionAsync<string>(submission, "last_poll_error"), StringComparison.Ordinal);
        Assert.Equal("created", await ExecutionAsync<string>(submission, "status"));
        Assert.Equal("running", await SubmissionAsync<string>(submission, "state"));
    }

    [Fact]
    public async Task A_successful_poll_after_failures_resets_the_backoff_and_the_not_found_clock()
    {
        var submission = (await SubmitAsync(1))[0];
        var remoteId = await ExecutionAsync<string>(submission, "remote_id");
        var poller = Poller();
        _simulator.SetFaults(new FaultOptions { ServerErrorRate = 1, Endpoints = ["getExecution"] });
        await MakeDueAsync();
        await poller.PollDueAsync(CancellationToken.None);
        _simulator.SetFaults(new FaultOptions());
        await ExecuteAsync("UPDATE eigenpal.executions SET remote_id = 'exec_not_known_here', next_poll_at = now()");
        await poller.PollDueAsync(CancellationToken.None);
        Assert.Equal(2, await ExecutionAsync<int>(submission, "poll_failures"));
        Assert.True(await ExecutionAsync<bool>(submission, "not_found_since IS NOT NULL"));

        await ExecuteAsync($"UPDATE eigenpal.executions SET remote_id = '{remoteId}', next_poll_at = now()");
        var report = await poller.PollDueAsync(CancellationToken.None);

        Assert.Equal((1, 0), (report.Claimed, report.Failed));
        Assert.Equal(0, await ExecutionAsync<int>(submission, "poll_failures"));
        Assert.True(await ExecutionAsync<bool>(submission, "last_poll_error IS NULL AND not_found_since IS NULL"));
        // Back on the age's schedule (a young run: MinInterval), no longer 2^3 × MinInterval.
        Assert.Equal(1, Math.Round(await ExecutionAsync<double>(submission, "EXTRACT(EPOCH FROM next_poll_at - now())::float8")));
    }

    [Fact]
    public async Task An_execution_answering_404_stays_tracked_until_the_timeout_then_ends_vanished()
    {
        var submission = await InsertRunningAttemptAsync("exec_the_api_never_knew");
        var poller = Poller();

        var first = await poller.PollDueAsync(CancellationToken.None);
        await MakeDueAsync();
        var second = await poller.PollDueAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1, 0), (first.Claimed, first.Changed, first.Failed, first.Vanished));
        Assert.Equal((1, 0, 1, 0), (second.Claimed, second.Changed, second.Failed, second.Vanished));
        Assert.Equal("running", await ExecutionAsync<string>(submission, "status"));
        Assert.Equal("running", await SubmissionAsync<string>(submission, "state"));
        Assert.StartsWith("404: ", await ExecutionAsync<string>(submission, "last_poll_error"), StringComparison.Ordinal);

        // The 404s began longer ago than NotFoundTimeout (30 s): the next 404 ends the attempt.
        await ExecuteAsync("UPDATE eigenpal.executions SET not_found_since = now() - interval '31 seconds', next_poll_at = now()");
        var since = await ExecutionAsync<DateTime>(submission, "not_found_since");
        var last = await poller.PollDueAsync(CancellationToken.None);

        Assert.Equal((1, 1, 1), (last.Claimed, last.Changed, last.Vanished));
        var reason = "the API has answered 404 for execution exec_the_api_never_knew since " +
            since.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC (over 30 s): it no longer knows this execution";
        Assert.Equal(("vanished", reason), (await ExecutionAsync<string>(submission, "status"), await ExecutionAsync<string>(submission, "error")));
        Assert.True(await ExecutionAsync<bool>(submission, "next_poll_at IS NULL"));
        var state = await SubmissionAsync<string>(submission, "state");
        Assert.Equal((SubmissionState.Vanished.Name(), reason), (state, await SubmissionAsync<string>(submission, "state_reason")));
        Assert.True(SubmissionStates.IsFinal(state));
        Assert.Equal("running>vanished:" + reason, await LastChangeAsync(submission));
        Assert.Equal(3, _simulator.GetCounters().RequestsTo("getExecution"));
        Assert.Equal(0, (await poller.PollDueAsync(CancellationToken.None)).Claimed);
    }

    [Fact]
    public async Task A_429_pauses_the_poll_without_counting_as_a_failure_of_the_execution()
    {
        var submission = (await SubmitAsync(1))[0];
        // One token per 100 s on the simulator's fake clock: one get passes, then every get is answered 429 (Retry-After: 100).
        _simulator.SetFaults(new FaultOptions { RateLimitPerSecond = 0.01, RateLimitBurst = 1, Endpoints = ["getExecution"] });
        await _client.Workflows.Executions.GetAsync(await ExecutionAsync<string>(submission, "remote_id"));
        await MakeDueAsync();

        var report = await Poller().PollDueAsync(CancellationToken.None);

        Assert.Equal((1, 0, 0), (report.Claimed, report.Changed, report.Failed));
        Assert.Equal(1, _simulator.GetCounters().RateLimited);
        Assert.Equal(0, await ExecutionAsync<int>(submission, "poll_failures"));
        Assert.True(await ExecutionAsync<bool>(submission, "last_poll_error IS NULL AND not_found_since IS NULL"));
        // Polled again once the pause the API asked for is over, not after MinInterval.
        Assert.InRange(await ExecutionAsync<double>(submission, "EXTRACT(EPOCH FROM next_poll_at - now())::float8"), 99, 100);
        Assert.Equal("running", await SubmissionAsync<string>(submission, "state"));
    }

    private RunSurfaces Surfaces()
    {
        var options = Options.Create(new ApiSurfaceOptions { Api = "legacy" });
        return new RunSurfaces(_client, new SurfaceSelection(options, NullLogger<SurfaceSelection>.Instance), options, TimeProvider.System, NullLogger<RunSurfaces>.Instance);
    }

    private ExecutionPoller Poller() => new(
        _database.DataSource, Surfaces(), Options.Create(_polling), new PollSchedule(Options.Create(_polling)), TimeProvider.System,
        new WorkerIdentity("poller-test"), NullLogger<ExecutionPoller>.Instance);

    /// <summary>Records <paramref name="count"/> submissions through the intake and sends each through the real sender.</summary>
    private async Task<List<Guid>> SubmitAsync(int count)
    {
        var limiter = new FleetRateLimiter(
            _database.DataSource, Options.Create(new FleetRateLimitOptions { RequestsPerSecond = 1000, Burst = 100 }), TimeProvider.System, NullLogger<FleetRateLimiter>.Instance);
        var sender = new SubmissionSender(
            _database.DataSource, Surfaces(), limiter, Options.Create(new SenderOptions()), Options.Create(_polling),
            new WorkerIdentity("sender-test"), TimeProvider.System, NullLogger<SubmissionSender>.Instance);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var recorded = await _database.Intake.RecordAsync(SampleSubmissions.Text(i, nameof(ExecutionPollerTests)));
            Assert.Equal(SendOutcome.Sent, await sender.SendAsync(recorded.Id, CancellationToken.None));
            ids.Add(recorded.Id);
        }

        return ids;
    }

    /// <summary>A submission whose (only) attempt the API accepted as <paramref name="remoteId"/>, an id the simulator has never issued.</summary>
    private async Task<Guid> InsertRunningAttemptAsync(string remoteId)
    {
        var recorded = await _database.Intake.RecordAsync(new NewSubmission { Workflow = Workflow, Input = new JsonObject { ["text"] = "gone" } });
        await using var command = _database.DataSource.CreateCommand("""
            UPDATE eigenpal.submissions SET state = 'running', attempt = 1 WHERE id = @id;
            INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, next_poll_at)
            VALUES (gen_random_uuid(), @id, 1, @workflow, @remote, 'running', now() - interval '5 minutes', now());
            """);
        command.Parameters.AddWithValue("id", recorded.Id);
        command.Parameters.AddWithValue("workflow", Workflow);
        command.Parameters.AddWithValue("remote", remoteId);
        await command.ExecuteNonQueryAsync();
        return recorded.Id;
    }

    private Task MakeDueAsync() => ExecuteAsync("UPDATE eigenpal.executions SET next_poll_at = now() WHERE next_poll_at IS NOT NULL");

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private Task<T> ExecutionAsync<T>(Guid submission, string expression) =>
        ScalarAsync<T>($"SELECT {expression} FROM eigenpal.executions WHERE submission_id = @id", submission);

    private Task<T> SubmissionAsync<T>(Guid submission, string expression) =>
        ScalarAsync<T>($"SELECT {expression} FROM eigenpal.submissions WHERE id = @id", submission);

    /// <summary>The submission's latest status change as <c>from&gt;to:detail</c>.</summary>
    private Task<string> LastChangeAsync(Guid submission) => ScalarAsync<string>("""
        SELECT c.from_status || '>' || c.to_status || ':' || c.detail
        FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id
        WHERE e.submission_id = @id ORDER BY c.id DESC LIMIT 1
        """, submission);

    private async Task<T> ScalarAsync<T>(string sql, Guid submission)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", submission);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row for " + sql);
        return reader.GetFieldValue<T>(0);
    }
}

using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Eigenpal.Insights;
using Eigenpal.Submissions;
using Eigenpal.Telemetry;
using Eigenpal.Worker.Hosting;
using Eigenpal.Worker.Relay;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Eigenpal.Worker.Observability;

/// <summary>
/// The gauges that read the store: submissions per workflow and state (through <see cref="SubmissionTotals"/>,
/// the one door for those totals), the relay backlog and Hangfire's queue depths. Gauge callbacks are
/// synchronous and run on every scrape or export, so they never query: they return the last snapshot, and
/// ask for a new one when it is older than <see cref="TelemetryOptions.GaugeRefreshInterval"/>, which this
/// service then reads in the background. Nobody scraping means no queries at all. A snapshot that cannot be
/// read (the database is down) is dropped, so the series go absent instead of reporting stale numbers.
/// </summary>
internal sealed partial class StoreGauges : BackgroundService
{
    private static readonly string[] Queues = [.. WorkerServiceCollectionExtensions.SendQueues, .. WorkerServiceCollectionExtensions.PollQueues];

    private readonly Channel<bool> _wanted = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SubmissionTotals _totals;
    private readonly NpgsqlDataSource _dataSource;
    private readonly JobStorage _storage;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreGauges> _logger;
    private Snapshot _snapshot = Snapshot.None;

    public StoreGauges(
        IMeterFactory meters, SubmissionTotals totals, NpgsqlDataSource dataSource, JobStorage storage,
        IOptions<TelemetryOptions> options, TimeProvider time, ILogger<StoreGauges> logger)
    {
        _totals = totals;
        _dataSource = dataSource;
        _storage = storage;
        _options = options;
        _time = time;
        _logger = logger;
        var meter = meters.Create(EigenpalMetrics.MeterName);
        meter.CreateObservableGauge("eigenpal.submissions", () => Current().Totals.Select(t =>
                new Measurement<long>(t.Count, new KeyValuePair<string, object?>("workflow", t.Workflow), new KeyValuePair<string, object?>("state", t.State.Name()))),
            "{submission}", "Submissions per workflow and state.");
        meter.CreateObservableGauge("eigenpal.relay.backlog", () => Current().RelayBacklog is { } backlog ? [new Measurement<long>(backlog)] : Array.Empty<Measurement<long>>(),
            "{submission}", "Submissions whose time to get a submit job has come but which the relay has not enqueued yet.");
        meter.CreateObservableGauge("eigenpal.jobs.enqueued", () => Current().Enqueued.Select(q =>
                new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
            "{job}", "Hangfire jobs waiting in each of the worker's queues.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _wanted.Reader.WaitToReadAsync(stoppingToken))
            {
                _wanted.Reader.TryRead(out _);
                Volatile.Write(ref _snapshot, await ReadAsync(stoppingToken));
                // The snapshot is good for this long: asks meanwhile wait for the next read.
                await Task.Delay(_options.Value.GaugeRefreshInterval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Snapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.ReadAt is not { } at || _time.GetUtcNow() - at >= _options.Value.GaugeRefreshInterval)
        {
            _wanted.Writer.TryWrite(true);
        }

        return snapshot;
    }

    private async Task<Snapshot> ReadAsync(CancellationToken ct)
    {
        try
        {
            var totals = await _totals.ByWorkflowAndStateAsync(ct);
            var backlog = await RelayBacklog.CountAsync(_dataSource, ct);
            var monitoring = _storage.GetMonitoringApi();
            var enqueued = Queues.Distinct().ToDictionary(q => q, q => monitoring.EnqueuedCount(q));
            return new Snapshot(_time.GetUtcNow(), totals, backlog, enqueued);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnreadable(_logger, ex);
            return Snapshot.None with { ReadAt = _time.GetUtcNow() };
        }
    }

    [LoggerMessage(EventId = 1000, EventName = "GaugesUnreadable", Level = LogLevel.Debug,
        Message = "The store gauges could not be read; they report nothing until they can")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    private sealed record Snapshot(
        DateTimeOffset? ReadAt, IReadOnlyList<WorkflowStateTotal> Totals, long? RelayBacklog, IReadOnlyDictionary<string, long> Enqueued)
    {
        public static Snapshot None { get; } = new(null, [], null, new Dictionary<string, long>());
    }
}

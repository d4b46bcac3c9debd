using System.Text;
using Eigenpal.Worker.Cli;
using Eigenpal.Worker.Tests.Cli;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary>
/// OTLP export to a collector (a receiver in the test process): <c>eigenpal submit</c> records the intake
/// spans, the worker process the send and poll spans, and each submission's spans share one trace id,
/// continued from the traceparent stored with the submission.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class TraceExportTests(PostgresServer postgres) : IDisposable
{
    private const int Invoices = 3;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eigenpal-otlp-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Each_submission_is_one_trace_from_intake_through_send_and_polls_and_metrics_arrive_too()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var observed = await ObservedWorker.StartAsync(postgres, scenario =>
        {
            scenario.Settings["Eigenpal__Telemetry__OtlpEndpoint"] = receiver.BaseUrl.ToString();
            scenario.Settings["Eigenpal__Telemetry__MetricExportInterval"] = "00:00:01";
        });
        var settings = observed.Scenario.Settings;
        Assert.Equal(ExitCodes.Success, (await CliRun.RunAsync(settings, "samples", "--count", $"{Invoices}", "--out", _folder, "--seed", "5")).ExitCode);

        var submit = await CliRun.RunAsync(settings, "submit", "--workflow", "extract-invoice", "--dir", _folder, "--batch", "traced");
        Assert.True(submit.ExitCode == ExitCodes.Success, submit.ToString());
        await observed.Scenario.WaitForAllFinalAsync(Invoices, TimeSpan.FromSeconds(90));

        var traceParents = await observed.Scenario.Database.ColumnAsync<string>("SELECT trace_parent FROM eigenpal.submissions WHERE trace_parent IS NOT NULL");
        Assert.Equal(Invoices, traceParents.Count);
        var expected = traceParents.Select(p => p.Split('-')).Select(p => (TraceId: p[1], IntakeSpanId: p[2])).ToList();
        Assert.Equal(Invoices, expected.Select(e => e.TraceId).Distinct().Count());

        // The worker exports in batches a few seconds apart: wait until every trace has its send and a poll.
        var spans = await Eventually.WaitAsync(() => Task.FromResult(receiver.Spans()),
            all => expected.All(e => all.Any(s => s.TraceId == e.TraceId && s.Name == "eigenpal.send") && all.Any(s => s.TraceId == e.TraceId && s.Name == "eigenpal.poll")),
            TimeSpan.FromSeconds(40), "each submission's send and poll spans to arrive");
        foreach (var (traceId, intakeSpanId) in expected)
        {
            var trace = spans.Where(s => s.TraceId == traceId).ToList();
            var intake = Assert.Single(trace, s => s.Name == "eigenpal.intake");
            Assert.Equal(intakeSpanId, intake.SpanId);
            Assert.Equal("", intake.ParentSpanId);
            Assert.All(trace.Where(s => s.Name is "eigenpal.send" or "eigenpal.poll"), s => Assert.Equal(intakeSpanId, s.ParentSpanId));
        }

        var names = await Eventually.WaitAsync(() => Task.FromResult(receiver.MetricNames()),
            n => n.Contains("eigenpal.attempts.started") && n.Contains("http.client.request.duration") && n.Contains("eigenpal.submissions"),
            TimeSpan.FromSeconds(30), "the worker's metrics to arrive at /v1/metrics");
        Assert.Contains("eigenpal.poll.cycle.duration", names);

        var key = Encoding.UTF8.GetBytes(observed.Scenario.Simulator.ApiKey);
        Assert.All(receiver.Bodies("/v1/traces").Concat(receiver.Bodies("/v1/metrics")), body => Assert.Equal(-1, body.AsSpan().IndexOf(key)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

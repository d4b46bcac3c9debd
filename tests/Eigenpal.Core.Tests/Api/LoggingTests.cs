using System.Collections.Concurrent;
using Eigenpal.Api;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Core.Tests.Api;

public sealed class LoggingTests
{
    [Fact]
    public async Task Calls_are_logged_with_method_path_status_and_request_id_but_never_the_key()
    {
        await using var api = new FakeApi(
            new FakeResponse(503, """{"issues":[],"requestId":"r"}"""),
            new FakeResponse(200, """{"executionId":"exec_1","status":"running","createdAt":"2025-01-01T00:00:00Z"}""") { Headers = { ["x-request-id"] = "req_42" } },
            new FakeResponse(404, """{"issues":[{"field":"id","message":"no such execution","code":"not_found","severity":"error"}],"requestId":"req_43"}"""));
        var logger = new CapturingLogger();
        using var client = new EigenpalClient(TestClients.Options(api.BaseUrl), TimeProvider.System, logger);

        await client.Workflows.Executions.GetAsync("exec_1");
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Workflows.Executions.GetAsync("exec_2"));

        Assert.Contains(logger.Entries, e => e.Id.Name == "EigenpalRetrying");
        var completed = Assert.Single(logger.Entries, e => e.Id.Name == "EigenpalRequestCompleted");
        Assert.Contains("GET /api/v1/workflows/executions/exec_1 answered 200", completed.Message, StringComparison.Ordinal);
        Assert.Contains("req_42", completed.Message, StringComparison.Ordinal);
        var failed = Assert.Single(logger.Entries, e => e.Id.Name == "EigenpalRequestFailed");
        Assert.Contains("404", failed.Message, StringComparison.Ordinal);
        Assert.Contains("req_43", failed.Message, StringComparison.Ordinal);
        Assert.All(logger.Entries, e => Assert.DoesNotContain(TestClients.ApiKey, e.Message, StringComparison.Ordinal));
        Assert.All(logger.Entries, e => Assert.DoesNotContain("Bearer", e.Message, StringComparison.Ordinal));
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<(EventId Id, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId, formatter(state, exception)));
    }
}

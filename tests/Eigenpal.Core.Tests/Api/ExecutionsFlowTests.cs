using Eigenpal.Api;

namespace Eigenpal.Core.Tests.Api;

public sealed class ExecutionsFlowTests
{
    private static string Item(int i) =>
        $$"""{"id":"exec_{{i}}","workflowId":"wf_1","status":"completed","createdAt":"2025-01-01T00:00:00Z"}""";

    /// <summary>A list endpoint over <paramref name="total"/> items that caps the page size at <paramref name="cap"/>.</summary>
    private static FakeResponse Page(RecordedRequest request, int total, int cap)
    {
        var offset = int.Parse(request.Query["offset"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var limit = Math.Min(int.Parse(request.Query["limit"] ?? "50", System.Globalization.CultureInfo.InvariantCulture), cap);
        var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, total - offset))).Select(Item);
        return FakeResponse.Json(200, $$"""{"data":[{{string.Join(",", items)}}],"total":{{total}},"limit":{{limit}},"offset":{{offset}}}""");
    }

    [Fact]
    public async Task List_all_pages_until_the_total_even_when_the_server_caps_the_page_size()
    {
        await using var api = new FakeApi((request, _) => Page(request, total: 23, cap: 5));
        using var client = TestClients.Create(api);

        var ids = new List<string>();
        await foreach (var item in client.Workflows.Executions.ListAllAsync("wf_1", new ExecutionListQuery { Limit = 10, Statuses = [ExecutionStatus.Completed] }))
        {
            ids.Add(item.Id);
        }

        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"exec_{i}"), ids);
        Assert.Equal(5, api.Count);
        Assert.All(api.Requests, r => Assert.Equal("completed", r.Query["status"]));
        Assert.Equal(["0", "5", "10", "15", "20"], api.Requests.Select(r => r.Query["offset"]));
    }

    [Fact]
    public async Task List_all_stops_on_an_empty_page_even_if_the_total_says_more()
    {
        await using var api = new FakeApi((request, i) => i == 0
            ? FakeResponse.Json(200, $$"""{"data":[{{Item(0)}},{{Item(1)}}],"total":100,"limit":2,"offset":0}""")
            : FakeResponse.Json(200, """{"data":[],"total":100,"limit":2,"offset":2}"""));
        using var client = TestClients.Create(api);

        var count = 0;
        await foreach (var _ in client.Workflows.Executions.ListAllAsync("wf_1"))
        {
            count++;
        }

        Assert.Equal(2, count);
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task List_all_starts_at_the_query_offset()
    {
        await using var api = new FakeApi((request, _) => Page(request, total: 7, cap: 100));
        using var client = TestClients.Create(api);

        var ids = new List<string>();
        await foreach (var item in client.Workflows.Executions.ListAllAsync("wf_1", new ExecutionListQuery { Offset = 4 }))
        {
            ids.Add(item.Id);
        }

        Assert.Equal(["exec_4", "exec_5", "exec_6"], ids);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Run_and_wait_polls_straight_away_then_every_interval_until_terminal()
    {
        await using var api = new FakeApi((request, i) => request.Method == "POST"
            ? FakeResponse.Json(201, """{"executionId":"exec_1"}""")
            : i < 3
                ? FakeResponse.Json(200, """{"executionId":"exec_1","status":"running","createdAt":"2025-01-01T00:00:00Z"}""")
                : FakeResponse.Json(200, """{"executionId":"exec_1","status":"completed","createdAt":"2025-01-01T00:00:00Z","completedAt":"2025-01-01T00:00:06Z","result":{"total":12}}"""));
        var time = new AutoAdvancingTimeProvider();
        using var client = TestClients.Create(api, time: time);

        var result = await client.Workflows.Executions.RunAndWaitAsync("wf_1", new RunRequest(), pollInterval: TimeSpan.FromSeconds(3));

        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(12, result.Result!.Value.GetProperty("total").GetInt32());
        Assert.Equal(["POST", "GET", "GET", "GET"], api.Requests.Select(r => r.Method));
        Assert.Equal("{}", api.Requests.First().BodyText);
        Assert.Equal(2, time.TimersStarted);
        Assert.Equal(TimeSpan.FromSeconds(6), time.GetUtcNow() - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Run_and_wait_times_out_with_the_execution_id_and_does_not_cancel()
    {
        await using var api = new FakeApi((request, _) => request.Method == "POST"
            ? FakeResponse.Json(201, """{"executionId":"exec_9"}""")
            : FakeResponse.Json(200, """{"executionId":"exec_9","status":"running","createdAt":"2025-01-01T00:00:00Z"}"""));
        var time = new AutoAdvancingTimeProvider();
        using var client = TestClients.Create(api, time: time);

        var error = await Assert.ThrowsAsync<EigenpalTimeoutException>(() =>
            client.Workflows.Executions.RunAndWaitAsync("wf_1", new RunRequest(), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)));

        Assert.Equal("exec_9", error.ExecutionId);
        Assert.Equal(0, error.StatusCode);
        // Polls at t = 0, 2, 4, 6, 8; at t = 10 the deadline has passed.
        Assert.Equal(5, api.Requests.Count(r => r.Method == "GET"));
        Assert.DoesNotContain(api.Requests, r => r.RawUrl.EndsWith("/cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_and_wait_stops_on_a_poll_error()
    {
        await using var api = new FakeApi((request, _) => request.Method == "POST"
            ? FakeResponse.Json(201, """{"executionId":"exec_1"}""")
            : FakeResponse.Json(404, """{"issues":[],"requestId":"r"}"""));
        using var client = TestClients.Create(api, time: new AutoAdvancingTimeProvider());

        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Workflows.Executions.RunAndWaitAsync("wf_1", new RunRequest()));
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task Run_and_wait_returns_a_synchronous_terminal_answer_without_polling()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, """{"executionId":"exec_1","status":"failed","error":"bad pdf"}"""));
        using var client = TestClients.Create(api);

        var result = await client.Workflows.Executions.RunAndWaitAsync("wf_1", new RunRequest { WaitForCompletionSeconds = 60 });

        Assert.Equal(new ExecutionResult("exec_1", ExecutionStatus.Failed, null, "bad pdf"), result);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task Caller_cancellation_stops_waiting()
    {
        await using var api = new FakeApi((request, _) => request.Method == "POST"
            ? FakeResponse.Json(201, """{"executionId":"exec_1"}""")
            : FakeResponse.Json(200, """{"executionId":"exec_1","status":"running","createdAt":"2025-01-01T00:00:00Z"}"""));
        using var client = TestClients.Create(api);
        using var cts = new CancellationTokenSource();

        var wait = client.Workflows.Executions.RunAndWaitAsync("wf_1", new RunRequest(), TimeSpan.FromHours(1), cancellationToken: cts.Token);
        while (!api.Requests.Any(r => r.Method == "GET"))
        {
            await Task.Delay(5);
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}

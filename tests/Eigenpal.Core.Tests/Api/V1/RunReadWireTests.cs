using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>Get, list, cancel and rerun: the exact requests and the decoding of the reference's shapes.</summary>
public sealed class RunReadWireTests
{
    [Fact]
    public async Task Get_decodes_every_section_of_a_completed_run()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.CompletedRun));
        using var client = TestClients.Create(api);

        var run = await client.Runs.GetAsync("run_123", RunExpand.Input | RunExpand.Usage | RunExpand.Execution | RunExpand.Debug);

        var request = Assert.Single(api.Requests);
        Assert.Equal(("GET", "/v1/runs/run_123?expand=input,usage,execution,debug"), (request.Method, request.RawUrl));
        V1Requests.AssertApiHeaders(request);
        Assert.Null(request.Headers["X-Eigenpal-Trigger"]);
        Assert.Equal(("run_123", "workflow", true, ExecutionStatus.Completed), (run.Id, run.Type, run.Finished, run.Status));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 23, 12, 37, 123, TimeSpan.Zero), run.Timing.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 23, 12, 40, 500, TimeSpan.Zero), run.Timing.CompletedAt);
        Assert.Equal(3377, run.Timing.DurationMs);
        Assert.Null(run.Timing.CancelRequestedAt);
        Assert.Equal(new RunSource("wf_1", "extract-invoice", "1.2.3", "wfv_9"), run.Source);
        Assert.Equal("api", run.Trigger!.Type);
        Assert.Equal(new RunRetry(1, "run_100", null), run.Execution.Retry);
        Assert.True(run.Execution.SchemaValid);
        Assert.Equal(0.42, run.SampleRank);
        Assert.Equal(new RunArtifact("out.json", "output", "output/out.json", null, "application/json", 17), Assert.Single(run.Files!));
        Assert.Null(run.Error);
        Assert.Equal("s_1", run.Input!.Metadata!.Value.GetProperty("submission").GetString());
        Assert.Equal("input/doc.pdf", run.Input.Args!.Value.GetProperty("document").GetProperty("$file").GetString());
        Assert.Equal("t_1", run.Debug!.Value.GetProperty("traceId").GetString());
        Assert.Equal(2, run.Usage!.Value.GetProperty("tokens").GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task Get_without_expand_sends_no_query_and_decodes_a_running_run_with_its_next_run()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.RunningRun));
        using var client = TestClients.Create(api);

        var run = await client.Runs.GetAsync("run/7");

        Assert.Equal("/v1/runs/run%2F7", Assert.Single(api.Requests).RawUrl);
        Assert.Equal(ExecutionStatus.Running, run.Status);
        Assert.Null(run.Output);
        Assert.Null(run.Input);
        Assert.Null(run.Timing.StartedAt);
        Assert.Equal(new RunNextRun("run_8", "pending"), run.Execution.Retry!.NextRun);
        Assert.Null(run.Source.Name);
        Assert.Null(run.Trigger!.Type);
    }

    [Fact]
    public async Task An_unknown_status_fails_decoding()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.RunningRun.Replace("\"running\"", "\"exploded\"", StringComparison.Ordinal)));
        using var client = TestClients.Create(api);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Runs.GetAsync("run_7"));

        Assert.Equal(200, error.StatusCode);
        Assert.Contains("could not decode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_sends_every_filter_with_wire_names_and_utc_millisecond_timestamps()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.Page(null)));
        using var client = TestClients.Create(api);

        await client.Runs.ListAsync(new RunListQuery
        {
            Type = "workflow",
            Source = "wf_1",
            Statuses = [ExecutionStatus.Failed, ExecutionStatus.Cancelled],
            CreatedAfter = new DateTimeOffset(2026, 12, 2, 0, 12, 37, 123, TimeSpan.FromHours(1)).AddTicks(4567),
            CreatedBefore = new DateTimeOffset(2026, 12, 1, 23, 20, 0, 0, TimeSpan.Zero).AddTicks(1),
            CompletedAfter = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero),
            CompletedBefore = new DateTimeOffset(2026, 12, 1, 23, 30, 0, 999, TimeSpan.Zero),
            Ids = ["run_1", "run_2"],
            Limit = 100,
            Cursor = "c_1",
        });

        var request = Assert.Single(api.Requests);
        Assert.Equal("/v1/runs", request.Path);
        Assert.Equal(
            "type=workflow&source=wf_1&status=failed,cancelled"
            + "&createdAfter=2026-12-01T23%3A12%3A37.123Z&createdBefore=2026-12-01T23%3A20%3A00.001Z"
            + "&completedAfter=2026-12-01T23%3A00%3A00.000Z&completedBefore=2026-12-01T23%3A30%3A00.999Z"
            + "&ids=run_1,run_2&limit=100&cursor=c_1",
            request.RawUrl[(request.RawUrl.IndexOf('?', StringComparison.Ordinal) + 1)..]);
    }

    [Fact]
    public async Task List_page_decodes_items_and_cursor_and_tolerates_a_missing_cursor()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, """{"runs":[""" + V1Bodies.ListItem("run_1", "failed") + "]}"));
        using var client = TestClients.Create(api);

        var page = await client.Runs.ListAsync();

        Assert.Equal("/v1/runs", Assert.Single(api.Requests).RawUrl);
        var item = Assert.Single(page.Runs);
        Assert.Equal(("run_1", ExecutionStatus.Failed, true, "boom", "wf_1"), (item.Id, item.Status, item.Finished, item.Error, item.Source.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task List_all_follows_cursors_through_short_and_empty_pages_to_the_end()
    {
        await using var api = new FakeApi((request, _) => request.Query["cursor"] switch
        {
            null => FakeResponse.Json(200, V1Bodies.Page("c_1", "run_1", "run_2")),
            "c_1" => FakeResponse.Json(200, V1Bodies.Page("c_2")),
            "c_2" => FakeResponse.Json(200, V1Bodies.Page("c_3", "run_3")),
            _ => FakeResponse.Json(200, V1Bodies.Page(null, "run_4")),
        });
        using var client = TestClients.Create(api);

        var ids = new List<string>();
        await foreach (var run in client.Runs.ListAllAsync(new RunListQuery { Source = "wf_1", Limit = 2 }))
        {
            ids.Add(run.Id);
        }

        Assert.Equal(["run_1", "run_2", "run_3", "run_4"], ids);
        Assert.Equal(
            ["source=wf_1&limit=2", "source=wf_1&limit=2&cursor=c_1", "source=wf_1&limit=2&cursor=c_2", "source=wf_1&limit=2&cursor=c_3"],
            api.Requests.Select(r => r.RawUrl[(r.RawUrl.IndexOf('?', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task List_all_stops_with_an_error_on_a_repeated_cursor_instead_of_looping()
    {
        await using var api = new FakeApi((request, _) => request.Query["cursor"] switch
        {
            null => FakeResponse.Json(200, V1Bodies.Page("c_1", "run_1")),
            "c_1" => FakeResponse.Json(200, V1Bodies.Page("c_2", "run_2")),
            _ => FakeResponse.Json(200, V1Bodies.Page("c_1", "run_3")),
        });
        using var client = TestClients.Create(api);

        var ids = new List<string>();
        var error = await Assert.ThrowsAsync<EigenpalException>(async () =>
        {
            await foreach (var run in client.Runs.ListAllAsync())
            {
                ids.Add(run.Id);
            }
        });

        Assert.Contains("'c_1' a second time", error.Message, StringComparison.Ordinal);
        Assert.Equal(["run_1", "run_2", "run_3"], ids);
        Assert.Equal(3, api.Count);
    }

    [Fact]
    public async Task List_all_from_a_cursor_treats_that_cursor_as_seen()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.Page("c_0", "run_1")));
        using var client = TestClients.Create(api);

        await Assert.ThrowsAsync<EigenpalException>(async () =>
        {
            await foreach (var _ in client.Runs.ListAllAsync(new RunListQuery { Cursor = "c_0" }))
            {
            }
        });

        Assert.Equal("/v1/runs?cursor=c_0", Assert.Single(api.Requests).RawUrl);
    }

    [Theory]
    [InlineData("cancelled", "pending", "cancelled", CancellationState.Cancelled, ExecutionStatus.Pending, ExecutionStatus.Cancelled)]
    [InlineData("requested", "running", "running", CancellationState.Requested, ExecutionStatus.Running, ExecutionStatus.Running)]
    [InlineData("already_terminal", "completed", "completed", CancellationState.AlreadyTerminal, ExecutionStatus.Completed, ExecutionStatus.Completed)]
    public async Task Cancel_posts_without_a_body_and_decodes_each_outcome(
        string state, string was, string status, CancellationState expectedState, ExecutionStatus expectedWas, ExecutionStatus expectedStatus)
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.Cancel(state, was, status)));
        using var client = TestClients.Create(api);

        var cancel = await client.Runs.CancelAsync("run_1");

        var request = Assert.Single(api.Requests);
        Assert.Equal(("POST", "/v1/runs/run_1/cancel", 0), (request.Method, request.RawUrl, request.Body.Length));
        Assert.Equal((expectedState, expectedWas, expectedStatus, "workflow"), (cancel.State, cancel.WasStatus, cancel.Status, cancel.Type));
    }

    [Fact]
    public async Task Cancel_is_retried_after_a_server_error()
    {
        await using var api = new FakeApi(FakeResponse.Json(500, V1Bodies.Envelope), FakeResponse.Json(200, V1Bodies.Cancel("requested", "running", "running")));
        using var client = TestClients.Create(api);

        var cancel = await client.Runs.CancelAsync("run_1");

        Assert.Equal(CancellationState.Requested, cancel.State);
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task Rerun_posts_without_a_body_with_version_and_wait_in_the_query()
    {
        await using var api = new FakeApi(FakeResponse.Json(202, """{"id":"run_456","type":"workflow","finished":false}"""));
        using var client = TestClients.Create(api);

        var rerun = await client.Runs.RerunAsync("run_123", new RerunRequest { Version = RerunRequest.OriginalVersion, WaitForCompletionSeconds = 10 });
        await client.Runs.RerunAsync("run_123", new RerunRequest { Version = "latest" });
        await client.Runs.RerunAsync("run_123");

        Assert.Equal(new RunStarted(202, "run_456", false, null), rerun);
        var requests = api.Requests.ToArray();
        Assert.Equal(("POST", "/v1/runs/run_123/rerun?version=original&wait_for_completion=10", 0), (requests[0].Method, requests[0].RawUrl, requests[0].Body.Length));
        Assert.Equal("/v1/runs/run_123/rerun", requests[1].RawUrl);
        Assert.Equal("/v1/runs/run_123/rerun", requests[2].RawUrl);
        V1Requests.AssertApiHeaders(requests[0]);
    }

    [Fact]
    public async Task Rerun_answered_with_a_full_run_gives_the_run_and_its_retry_link()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.CompletedRun));
        using var client = TestClients.Create(api);

        var rerun = await client.Runs.RerunAsync("run_100", new RerunRequest { WaitForCompletionSeconds = 60 });

        Assert.Equal("run_100", rerun.Run!.Execution.Retry!.PreviousRunId);
    }
}

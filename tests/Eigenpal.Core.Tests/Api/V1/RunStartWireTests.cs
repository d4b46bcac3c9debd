using System.Text;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>The exact request of <c>POST {prefix}/runs</c> and how its answers are told apart.</summary>
public sealed class RunStartWireTests
{
    [Fact]
    public async Task Json_start_sends_target_input_metadata_and_the_trigger_header()
    {
        await using var api = new FakeApi(FakeResponse.Json(202, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        var started = await client.Runs.StartAsync(new RunStartRequest
        {
            Target = "workflows.extract-invoice",
            Input = new Dictionary<string, object?> { ["language"] = "en", ["pages"] = 3 },
            Metadata = new JsonObject { ["submission"] = "s_1", ["attempt"] = 2 },
            Overrides = new JsonObject { ["steps"] = new JsonObject { ["ocr"] = new JsonObject { ["text"] = "x" } } },
            Version = "1.2.3",
            WaitForCompletionSeconds = 0,
        });

        Assert.Equal(new RunStarted(202, "run_123", false, null), started);
        var request = Assert.Single(api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/runs?version=1.2.3&wait_for_completion=0", request.RawUrl);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(
            """{"target":"workflows.extract-invoice","input":{"language":"en","pages":3},"overrides":{"steps":{"ocr":{"text":"x"}}},"metadata":{"submission":"s_1","attempt":2}}""",
            request.BodyText);
        Assert.Equal("api", request.Headers["X-Eigenpal-Trigger"]);
        V1Requests.AssertApiHeaders(request);
    }

    [Fact]
    public async Task Empty_input_is_sent_as_an_empty_object_and_empty_metadata_is_left_out()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        await client.Runs.StartAsync(new RunStartRequest { Target = "workflows.x", Metadata = [], Version = "latest", Trigger = RunTrigger.Cli });

        var request = Assert.Single(api.Requests);
        Assert.Equal("/v1/runs", request.RawUrl);
        Assert.Equal("""{"target":"workflows.x","input":{}}""", request.BodyText);
        Assert.Equal("cli", request.Headers["X-Eigenpal-Trigger"]);
    }

    [Fact]
    public async Task File_references_go_inside_input_by_default()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        await client.Runs.StartAsync(new RunStartRequest
        {
            Target = "workflows.wf_xyz",
            Input = new Dictionary<string, object?> { ["document"] = new FileReference("file_large"), ["language"] = "en" },
        });

        Assert.Equal(
            """{"target":"workflows.wf_xyz","input":{"document":{"$fileId":"file_large"},"language":"en"}}""",
            Assert.Single(api.Requests).BodyText);
    }

    [Fact]
    public async Task File_references_go_in_the_files_map_when_asked_lists_included()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        await client.Runs.StartAsync(new RunStartRequest
        {
            Target = "workflows.wf_xyz",
            Input = new Dictionary<string, object?>
            {
                ["document"] = new FileReference("file_1"),
                ["pages"] = new[] { new FileReference("file_2"), new FileReference("file_3") },
                ["language"] = "en",
            },
            FileReferencesIn = FileReferencePlacement.FilesMap,
        });

        Assert.Equal(
            """{"target":"workflows.wf_xyz","input":{"language":"en"},"files":{"document":{"$fileId":"file_1"},"pages":[{"$fileId":"file_2"},{"$fileId":"file_3"}]}}""",
            Assert.Single(api.Requests).BodyText);
    }

    [Fact]
    public async Task Start_with_a_file_is_multipart_with_target_input_metadata_and_prefixed_file_parts()
    {
        await using var api = new FakeApi(FakeResponse.Json(202, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        await client.Runs.StartAsync(new RunStartRequest
        {
            Target = "workflows.extract-invoice",
            Input = new Dictionary<string, object?>
            {
                ["contract_document"] = RunFile.FromBytes(Encoding.UTF8.GetBytes("%PDF-1.4 fake"), "contract.pdf"),
                ["attachment"] = new FileReference("file_9"),
                ["customer"] = "ACME",
            },
            Metadata = new JsonObject { ["submission"] = "s_1" },
            Overrides = new JsonObject { ["steps"] = new JsonObject() },
            WaitForCompletionSeconds = 600,
        });

        var request = Assert.Single(api.Requests);
        Assert.Equal("/v1/runs?wait_for_completion=600", request.RawUrl);
        Assert.Matches("^multipart/form-data; boundary=[^\"]+$", request.ContentType);
        Assert.Equal("api", request.Headers["X-Eigenpal-Trigger"]);
        var parts = Multipart.Parse(request);
        Assert.Equal(["target", "input", "overrides", "metadata", "files.contract_document"], parts.Select(p => p.Name));
        Assert.Equal(("workflows.extract-invoice", null, null), (Encoding.UTF8.GetString(parts[0].Body), parts[0].FileName, parts[0].ContentType));
        Assert.Equal("""{"attachment":{"$fileId":"file_9"},"customer":"ACME"}""", Encoding.UTF8.GetString(parts[1].Body));
        Assert.Equal("application/json", parts[1].ContentType);
        Assert.Null(parts[1].FileName);
        Assert.Equal("""{"steps":{}}""", Encoding.UTF8.GetString(parts[2].Body));
        Assert.Equal("""{"submission":"s_1"}""", Encoding.UTF8.GetString(parts[3].Body));
        var file = parts[4];
        Assert.Equal(("contract.pdf", "application/pdf", "%PDF-1.4 fake"), (file.FileName, file.ContentType, Encoding.UTF8.GetString(file.Body)));
    }

    [Fact]
    public async Task Multipart_start_with_only_a_file_still_sends_an_empty_input_and_a_files_part_for_map_references()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        await client.Runs.StartAsync(new RunStartRequest
        {
            Target = "workflows.x",
            Input = new Dictionary<string, object?> { ["doc"] = RunFile.FromBytes(new byte[] { 1, 2 }, "a.bin"), ["other"] = new FileReference("file_1") },
            FileReferencesIn = FileReferencePlacement.FilesMap,
        });

        var parts = Multipart.Parse(Assert.Single(api.Requests));
        Assert.Equal(["target", "input", "files", "files.doc"], parts.Select(p => p.Name));
        Assert.Equal("{}", Encoding.UTF8.GetString(parts[1].Body));
        Assert.Equal("""{"other":{"$fileId":"file_1"}}""", Encoding.UTF8.GetString(parts[2].Body));
        Assert.Equal("application/octet-stream", parts[3].ContentType);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task Any_success_code_with_a_full_run_body_gives_the_run(int status)
    {
        await using var api = new FakeApi(FakeResponse.Json(status, V1Bodies.CompletedRun));
        using var client = TestClients.Create(api);

        var started = await client.Runs.StartAsync(new RunStartRequest { Target = "workflows.extract-invoice", WaitForCompletionSeconds = 30 });

        Assert.Equal((status, "run_123", true), (started.StatusCode, started.Id, started.Finished));
        Assert.Equal(ExecutionStatus.Completed, started.Run!.Status);
        Assert.Equal(42.5, started.Run.Output!.Value.GetProperty("total").GetDouble());
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task Any_success_code_with_a_run_accepted_body_gives_only_the_id(int status)
    {
        await using var api = new FakeApi(FakeResponse.Json(status, V1Bodies.AcceptedWithSource));
        using var client = TestClients.Create(api);

        var started = await client.Runs.StartAsync(new RunStartRequest { Target = "workflows.extract-invoice" });

        Assert.Equal(new RunStarted(status, "run_123", false, null), started);
    }

    [Fact]
    public async Task A_running_run_body_is_a_run_even_when_not_finished()
    {
        await using var api = new FakeApi(FakeResponse.Json(202, V1Bodies.RunningRun));
        using var client = TestClients.Create(api);

        var started = await client.Runs.StartAsync(new RunStartRequest { Target = "workflows.x", WaitForCompletionSeconds = 5 });

        Assert.False(started.Finished);
        Assert.Equal(ExecutionStatus.Running, started.Run!.Status);
    }

    [Fact]
    public void Bad_requests_fail_before_anything_is_sent()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunStartRequest { Target = "workflows.x", WaitForCompletionSeconds = 601 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunStartRequest { Target = "workflows.x", WaitForCompletionSeconds = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RerunRequest { WaitForCompletionSeconds = 601 });
    }

    [Fact]
    public async Task A_target_with_a_version_suffix_is_refused_locally()
    {
        await using var api = new FakeApi(FakeResponse.Json(201, V1Bodies.Accepted));
        using var client = TestClients.Create(api);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Runs.StartAsync(new RunStartRequest { Target = "workflows.x@1.2.3" }));
        Assert.Empty(api.Requests);
    }
}

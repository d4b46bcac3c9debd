using System.Text;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.V1;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>Starting runs on the simulator's v1 surface over real HTTP: JSON, multipart, file references, waiting, metadata echo.</summary>
public sealed class V1StartTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly EigenpalClient _client = fixture.Client;

    [Fact]
    public async Task Json_start_is_accepted_and_the_run_shows_its_arguments_and_metadata_on_expand_input()
    {
        var tag = Guid.NewGuid().ToString("N");

        var started = await _client.Runs.StartAsync(V1Sim.Classify("hello v1", tag));

        Assert.Equal(201, started.StatusCode);
        Assert.Null(started.Run);
        Assert.False(started.Finished);
        var run = await V1Sim.FinishedAsync(_client, started.Id);
        Assert.Equal(ExecutionStatus.Completed, run.Status);
        Assert.NotNull(run.Output);
        Assert.Null(run.Input);
        var expanded = await _client.Runs.GetAsync(started.Id, RunExpand.Input);
        Assert.Equal("hello v1", expanded.Input!.Args!.Value.GetProperty("text").GetString());
        Assert.Equal(tag, expanded.Input.Metadata!.Value.GetProperty("tag").GetString());
        Assert.Equal("api", expanded.Trigger!.Type);
    }

    [Fact]
    public async Task Start_that_waits_gets_the_finished_run_in_the_answer()
    {
        var started = await _client.Runs.StartAsync(V1Sim.Classify("wait for me") with { WaitForCompletionSeconds = 30 });

        Assert.Equal(200, started.StatusCode);
        Assert.True(started.Finished);
        Assert.Equal(ExecutionStatus.Completed, started.Run!.Status);
        Assert.Equal(started.Id, started.Run.Id);
    }

    [Fact]
    public async Task Start_whose_wait_runs_out_gets_202_with_the_run_still_going()
    {
        var started = await _client.Runs.StartAsync(new RunStartRequest { Target = V1Sim.NormalizeAddress, WaitForCompletionSeconds = 1 });

        Assert.Equal(202, started.StatusCode);
        Assert.False(started.Finished);
        await _client.Runs.CancelAsync(started.Id);
    }

    [Fact]
    public async Task Multipart_start_sends_the_file_and_the_run_completes_with_it()
    {
        var started = await _client.Runs.StartAsync(new RunStartRequest
        {
            Target = V1Sim.ExtractInvoice,
            Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes(Encoding.UTF8.GetBytes("Invoice No: V1-77\nTotal: 12.50"), "v1.txt") },
            Metadata = new JsonObject { ["submission"] = "s_multipart" },
        });

        var run = await V1Sim.FinishedAsync(_client, started.Id);
        Assert.Equal(ExecutionStatus.Completed, run.Status);
        var expanded = await _client.Runs.GetAsync(started.Id, RunExpand.Input);
        Assert.Equal("s_multipart", expanded.Input!.Metadata!.Value.GetProperty("submission").GetString());
        Assert.True(expanded.Input.Args!.Value.TryGetProperty("contract_document", out _));
    }

    [Theory]
    [InlineData(FileReferencePlacement.Input)]
    [InlineData(FileReferencePlacement.FilesMap)]
    public async Task Start_with_a_file_id_reference_runs_on_the_uploaded_file(FileReferencePlacement placement)
    {
        var file = await _client.Files.UploadAsync(new FileUpload(Encoding.UTF8.GetBytes("Invoice No: REF-1"), "ref.txt", "text/plain", Guid.NewGuid().ToString("N"), FileUpload.RunInputPurpose));

        var started = await _client.Runs.StartAsync(new RunStartRequest
        {
            Target = V1Sim.ExtractInvoice,
            Input = new Dictionary<string, object?> { ["contract_document"] = file.ToReference() },
            FileReferencesIn = placement,
        });

        Assert.Equal(ExecutionStatus.Completed, (await V1Sim.FinishedAsync(_client, started.Id)).Status);
    }

    [Fact]
    public async Task Start_by_workflow_id_target_is_accepted()
    {
        var automation = await _client.Automations.GetAsync(V1Sim.ClassifyText);

        var started = await _client.Runs.StartAsync(V1Sim.Classify("by id") with { Target = "workflows." + automation.Id });

        Assert.Equal(automation.Id, (await V1Sim.FinishedAsync(_client, started.Id)).Source.Id);
    }

    [Fact]
    public async Task Start_of_a_pinned_version_runs_that_version()
    {
        var started = await _client.Runs.StartAsync(V1Sim.Classify("old") with { Version = "0.9.0" });

        Assert.Equal("0.9.0", (await _client.Runs.GetAsync(started.Id)).Source.Version);
    }

    [Fact]
    public async Task Cli_trigger_header_becomes_the_runs_trigger_type()
    {
        var started = await _client.Runs.StartAsync(V1Sim.Classify("from the cli") with { Trigger = RunTrigger.Cli });

        Assert.Equal("cli", (await _client.Runs.GetAsync(started.Id)).Trigger!.Type);
    }

    [Fact]
    public async Task Start_with_the_other_prefix_reaches_the_same_runs()
    {
        var other = _client.WithV1Prefix("/api/v1");

        var started = await other.Runs.StartAsync(V1Sim.Classify("prefixed"));

        Assert.Equal(started.Id, (await _client.Runs.GetAsync(started.Id)).Id);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator.V1;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>What the client reads when the simulator takes each open point of the reference another way.</summary>
public sealed class V1ModeTests
{
    [Fact]
    public async Task Dropped_metadata_reads_as_none_and_strings_only_metadata_reads_as_strings()
    {
        await using var sim = await V1Sim.StartAsync(m => m.MetadataEcho = MetadataEchoMode.Dropped);
        using var client = SimulatorClients.Create(sim);
        var request = V1Sim.Classify("meta") with { Metadata = new JsonObject { ["attempt"] = 2, ["submission"] = "s_1" } };

        var dropped = await client.Runs.GetAsync((await client.Runs.StartAsync(request)).Id, RunExpand.Input);
        var modes = sim.Modes;
        modes.MetadataEcho = MetadataEchoMode.StringsOnly;
        sim.SetModes(modes);
        var strings = await client.Runs.GetAsync((await client.Runs.StartAsync(request)).Id, RunExpand.Input);

        Assert.Null(dropped.Input!.Metadata);
        Assert.Equal("meta", dropped.Input.Args!.Value.GetProperty("text").GetString());
        Assert.Equal("2", strings.Input!.Metadata!.Value.GetProperty("attempt").GetString());
    }

    [Theory]
    [InlineData(FileReferencesMode.InputOnly, FileReferencePlacement.FilesMap, "body.files")]
    [InlineData(FileReferencesMode.FilesMapOnly, FileReferencePlacement.Input, "body.input.contract_document")]
    public async Task A_server_that_takes_references_in_one_place_refuses_the_other_naming_the_field(FileReferencesMode mode, FileReferencePlacement placement, string field)
    {
        await using var sim = await V1Sim.StartAsync(m => m.FileReferences = mode);
        using var client = SimulatorClients.Create(sim);
        var file = await client.Files.UploadAsync(new FileUpload(Encoding.UTF8.GetBytes("Invoice No: M-1"), "m.txt", "text/plain", Guid.NewGuid().ToString("N")));
        RunStartRequest Start(FileReferencePlacement where) => new()
        {
            Target = V1Sim.ExtractInvoice,
            Input = new Dictionary<string, object?> { ["contract_document"] = file.ToReference() },
            FileReferencesIn = where,
        };

        var error = await Assert.ThrowsAsync<EigenpalValidationException>(() => client.Runs.StartAsync(Start(placement)));
        var accepted = await client.Runs.StartAsync(Start(placement == FileReferencePlacement.Input ? FileReferencePlacement.FilesMap : FileReferencePlacement.Input));

        Assert.Equal(field, Assert.Single(error.Issues).Field);
        Assert.False(string.IsNullOrEmpty(accepted.Id));
        Assert.Equal(1, sim.GetCounters().ExecutionsCreated);
    }

    [Fact]
    public async Task A_wait_that_runs_out_answered_with_run_accepted_is_read_by_its_body()
    {
        await using var sim = await V1Sim.StartAsync(m => m.WaitTimeoutBody = WaitTimeoutBodyMode.Accepted);
        using var client = SimulatorClients.Create(sim);

        var started = await client.Runs.StartAsync(new RunStartRequest { Target = V1Sim.NormalizeAddress, WaitForCompletionSeconds = 1 });

        Assert.Equal((202, false, null), (started.StatusCode, started.Finished, started.Run));
        await client.Runs.CancelAsync(started.Id);
    }

    [Fact]
    public async Task A_source_filter_the_server_ignores_shows_other_workflows_runs_which_the_items_source_reveals()
    {
        await using var sim = await V1Sim.StartAsync(m => m.SourceFilter = SourceFilterMode.Ignored);
        using var client = SimulatorClients.Create(sim);
        var classify = await client.Automations.GetAsync(V1Sim.ClassifyText);
        await client.Runs.StartAsync(V1Sim.Classify("mine"));
        var other = await client.Runs.StartAsync(new RunStartRequest
        {
            Target = V1Sim.ExtractInvoice,
            Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes("Invoice No: O-1"u8.ToArray(), "o.txt") },
        });

        var listed = await V1Sim.ListAllAsync(client, new RunListQuery { Source = classify.Id });

        Assert.Equal(2, listed.Count);
        Assert.NotEqual(classify.Id, listed.Single(r => r.Id == other.Id).Source.Id);
    }

    [Fact]
    public async Task Rate_limited_start_without_retry_is_a_rate_limit_error_not_outcome_unknown()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.RateLimitPerSecond = 0.5; f.RateLimitBurst = 1; f.Endpoints = [V1EndpointNames.StartRun]; });
        using var client = SimulatorClients.Create(sim, o => o.RetryRateLimited = false);
        await client.Runs.StartAsync(V1Sim.Classify("first"));

        var error = await Assert.ThrowsAsync<EigenpalRateLimitException>(() => client.Runs.StartAsync(V1Sim.Classify("second")));

        Assert.NotNull(error.RetryAfter);
        Assert.Equal((1L, 2L), (sim.GetCounters().ExecutionsCreated, sim.GetCounters().RequestsTo(V1EndpointNames.StartRun)));
    }

    [Fact]
    public async Task Every_expand_section_decodes()
    {
        await using var sim = await V1Sim.StartAsync();
        using var client = SimulatorClients.Create(sim);
        var id = (await client.Runs.StartAsync(V1Sim.Classify("expanded"))).Id;
        await V1Sim.FinishedAsync(client, id);

        var run = await client.Runs.GetAsync(id, RunExpand.Input | RunExpand.Usage | RunExpand.Execution | RunExpand.Debug);

        Assert.NotNull(run.Input);
        Assert.NotNull(run.Usage);
        Assert.NotNull(run.Debug);
        Assert.Equal(ExecutionStatus.Completed, run.Status);
        Assert.NotNull(run.Output);
        Assert.NotNull(run.Timing.CompletedAt);
    }
}

using System.Net;
using System.Text;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary><c>POST /v1/runs/{id}/rerun</c>: a new run from the stored input, its version, and the retry chain.</summary>
public sealed class RerunTests
{
    [Fact]
    public async Task A_rerun_is_a_new_run_of_the_same_input_linked_both_ways()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var source = await api.StartTextAsync("rerun me", """{"submission":"s-9"}""");
        var (response, body) = await api.PostAsync($"runs/{source}/rerun");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rerun = body["id"]!.GetValue<string>();
        Assert.NotEqual(source, rerun);

        var run = await api.RunAsync(rerun, "input");
        Assert.Equal("rerun me", run["input"]!["args"]!["text"]!.GetValue<string>());
        Assert.False(run["input"]!.AsObject().ContainsKey("metadata"));
        Assert.Equal(1, run["execution"]!["retry"]!["number"]!.GetValue<int>());
        Assert.Equal(source, run["execution"]!["retry"]!["previousRunId"]!.GetValue<string>());
        var before = await api.RunAsync(source);
        Assert.Equal(rerun, before["execution"]!["retry"]!["nextRun"]!["id"]!.GetValue<string>());

        var (_, again) = await api.PostAsync($"runs/{rerun}/rerun?wait_for_completion=10");
        Assert.Equal(2, (await api.RunAsync(again["id"]!.GetValue<string>()))["execution"]!["retry"]!["number"]!.GetValue<int>());
        var counters = host.GetCounters();
        Assert.Equal((3, 2), (counters.ExecutionsCreated, counters.RerunsCreated));
        Assert.Equal(2, counters.RequestsTo(Simulator.V1.V1EndpointNames.RerunRun));
    }

    [Fact]
    public async Task A_rerun_runs_the_latest_version_unless_original_is_asked_for()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var (_, started) = await api.StartAsync("""{"target":"workflows.classify-text","input":{"text":"old version"}}""", "?version=0.9.0");
        var source = started["id"]!.GetValue<string>();
        var (_, latest) = await api.PostAsync($"runs/{source}/rerun");
        Assert.Equal("1.0.0", latest["source"]!["version"]!.GetValue<string>());
        var (_, original) = await api.PostAsync($"runs/{source}/rerun?version=original");
        Assert.Equal("0.9.0", original["source"]!["version"]!.GetValue<string>());
        var (unknown, body) = await api.PostAsync($"runs/{source}/rerun?version=7.7.7");
        V1Api.AssertEnvelope(unknown, body, 404, "query.version");
    }

    [Fact]
    public async Task With_the_chain_empty_no_run_shows_a_link()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.RerunChain = RerunChainMode.Empty);
        using var api = new V1Api(host);
        var source = await api.StartTextAsync("no chain");
        var (_, body) = await api.PostAsync($"runs/{source}/rerun");
        var rerun = await api.RunAsync(body["id"]!.GetValue<string>());
        Assert.Equal(0, rerun["execution"]!["retry"]!["number"]!.GetValue<int>());
        Assert.Null(rerun["execution"]!["retry"]!["previousRunId"]);
        Assert.Null((await api.RunAsync(source))["execution"]!["retry"]!["nextRun"]);
    }

    [Fact]
    public async Task A_file_run_reruns_from_its_own_copy_after_the_upload_is_deleted()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var bytes = Encoding.UTF8.GetBytes("Invoice No: R-7\nTotal: 3.00 EUR");
        var file = await api.UploadAsync(bytes, "r.txt", "key-r7");
        var (_, started) = await api.StartAsync($$$$$"""{"target":"workflows.extract-invoice","input":{"contract_document":{"$fileId":"{{{{{file["id"]}}}}}"}}}""");
        var (deleted, _) = await api.DeleteAsync($"files/{file["id"]}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        var (rerun, body) = await api.PostAsync($"runs/{started["id"]}/rerun?wait_for_completion=10");
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        Assert.Equal("R-7", body["output"]!["invoiceNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Legacy_runs_rerun_without_files_but_not_with_them()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        using var legacy = new Api(host);
        var (textRerun, _) = await api.PostAsync($"runs/{await legacy.RunTextAsync("legacy text")}/rerun");
        Assert.Equal(HttpStatusCode.Created, textRerun.StatusCode);
        var (fileRerun, body) = await api.PostAsync($"runs/{await legacy.RunFileAsync([1, 2], "l.txt")}/rerun");
        V1Api.AssertEnvelope(fileRerun, body, 400, "path.id");
        var (missing, notFound) = await api.PostAsync("runs/exec_nope/rerun");
        V1Api.AssertEnvelope(missing, notFound, 404, "path.id");
    }

    [Fact]
    public async Task A_lost_rerun_response_still_creates_the_linked_run()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var source = await api.StartTextAsync("lose my rerun");
        host.SetFaults(new FaultOptions { LostRunResponseRate = 1, Endpoints = [Simulator.V1.V1EndpointNames.RerunRun] });
        await Assert.ThrowsAsync<HttpRequestException>(() => api.Http.PostAsync($"v1/runs/{source}/rerun", null));
        var next = (await api.RunAsync(source))["execution"]!["retry"]!["nextRun"]!["id"]!.GetValue<string>();
        Assert.Equal(source, (await api.RunAsync(next))["execution"]!["retry"]!["previousRunId"]!.GetValue<string>());
        Assert.Equal(1, host.GetCounters().LostResponses);
    }
}

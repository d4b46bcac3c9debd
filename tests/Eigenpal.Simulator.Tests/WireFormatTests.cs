using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>Status codes and exact key sets of every endpoint, as the SDK's strict decoders need them.</summary>
public sealed class WireFormatTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private readonly Api api = fixture.Api;

    [Fact]
    public async Task List_workflows_items_carry_only_summary_keys()
    {
        var (response, body) = await api.GetAsync($"{Base}?limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["data", "limit", "offset", "total"], Keys(body));
        Assert.Equal(5, body["limit"]!.GetValue<int>());
        foreach (var item in body["data"]!.AsArray())
        {
            Assert.Equal(["createdAt", "id", "name", "updatedAt", "version"], Keys(item));
        }
    }

    [Fact]
    public async Task List_workflows_filters_by_search_name_and_kind()
    {
        var (_, search) = await api.GetAsync($"{Base}?search=INVOICE");
        Assert.Equal("extract-invoice", Assert.Single(search["data"]!.AsArray())!["name"]!.GetValue<string>());
        var (_, name) = await api.GetAsync($"{Base}?name=classify-text");
        Assert.Equal(1, name["total"]!.GetValue<int>());
        var (_, blocks) = await api.GetAsync($"{Base}?kind=block");
        Assert.All(blocks["data"]!.AsArray(), b => Assert.Equal("normalize-address", b!["name"]!.GetValue<string>()));
        var (_, paged) = await api.GetAsync($"{Base}?limit=1&offset=1");
        Assert.Single(paged["data"]!.AsArray());
        Assert.True(paged["total"]!.GetValue<int>() >= 3);
    }

    [Theory]
    [InlineData("extract-invoice")]
    [InlineData("wf_x7k2extractinv")]
    public async Task Get_workflow_by_slug_or_id_leaves_yamlContent_out(string id)
    {
        var (response, body) = await api.GetAsync($"{Base}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["createdAt", "id", "name", "updatedAt", "version"], Keys(body));
        Assert.Equal("wf_x7k2extractinv", body["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Versions_are_listed_newest_first_with_yaml()
    {
        var (response, body) = await api.GetAsync($"{Base}/extract-invoice/versions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = body["data"]!.AsArray();
        Assert.Equal(3, body["total"]!.GetValue<int>());
        Assert.Equal(["createdAt", "id", "isCurrent", "version", "workflowId", "yamlContent"], Keys(versions[0]));
        Assert.True(versions[0]!["isCurrent"]!.GetValue<bool>());
        Assert.StartsWith("wfh_", versions[0]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/v1/workflows/nope")]
    [InlineData("api/v1/workflows/nope/versions")]
    [InlineData("api/v1/workflows/nope/executions")]
    [InlineData("api/v1/workflows/executions/exec_missing")]
    public async Task Unknown_resources_are_404_envelopes(string path)
    {
        var (response, body) = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertEnvelope(response, body, "not_found");
    }

    [Fact]
    public async Task Missing_or_wrong_key_is_401_envelope_with_request_id()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        var response = await anonymous.GetAsync(Base);
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertEnvelope(response, body, "unauthorized");

        using var wrong = Create(fixture.Host, key: "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(Base)).StatusCode);
        using var second = Create(fixture.Host, key: "second-key");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Base)).StatusCode);
    }

    [Fact]
    public async Task Run_answers_201_with_only_the_execution_id()
    {
        var (response, body) = await api.PostJsonAsync($"{Base}/classify-text/run", """{"input":{"text":"hello"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["executionId"], Keys(body));
        Assert.StartsWith("exec_", body["executionId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task Missing_required_input_is_400_naming_the_field()
    {
        var (response, body) = await api.PostJsonAsync($"{Base}/extract-invoice/run", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = AssertEnvelope(response, body, "required");
        Assert.Equal("body.input.contract_document", issue["field"]!.GetValue<string>());

        var (wrongType, wrongBody) = await api.PostJsonAsync($"{Base}/classify-text/run", """{"input":{"text":42}}""");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("body.input.text", AssertEnvelope(wrongType, wrongBody, "invalid_value")["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Multipart_run_with_json_sidecar_completes_with_extracted_fields()
    {
        using var form = new MultipartFormDataContent();
        var document = new ByteArrayContent(Encoding.UTF8.GetBytes("Invoice No: INV-123\nDate: 2026-01-31\nSupplier: ACME GmbH\nTotal: 1,234.56 EUR\n"));
        document.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(document, "contract_document", "inv-123.txt");
        form.Add(new StringContent("""{"input":{"note":"x"},"trigger":"cli"}"""), "_json");
        var (response, body) = await api.PostAsync($"{Base}/extract-invoice/run?wait_for_completion=10", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["executionId", "result", "status"], Keys(body));
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        var result = body["result"]!;
        Assert.Equal("inv-123.txt", result["fileName"]!.GetValue<string>());
        Assert.Equal("INV-123", result["invoiceNumber"]!.GetValue<string>());
        Assert.Equal("2026-01-31", result["invoiceDate"]!.GetValue<string>());
        Assert.Equal("ACME GmbH", result["supplier"]!.GetValue<string>());
        Assert.Equal(1234.56m, result["total"]!.GetValue<decimal>());
        Assert.Equal("EUR", result["currency"]!.GetValue<string>());
        Assert.Equal(1, result["pages"]!.GetValue<int>());

        var (_, list) = await api.GetAsync($"{Base}/extract-invoice/executions?limit=100");
        var item = list["data"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == body["executionId"]!.GetValue<string>())!;
        Assert.Equal("cli", item["triggerType"]!.GetValue<string>());
        Assert.Equal(result["sha256"]!.GetValue<string>(), item["triggerInput"]!["contract_document"]!["sha256"]!.GetValue<string>());
        Assert.Equal("x", item["triggerInput"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_execution_leaves_out_completedAt_and_result_until_terminal()
    {
        var id = await api.RunTextAsync("contract agreement");
        var running = await api.ExecutionAsync(id);
        if (running["status"]!.GetValue<string>() != "completed")
        {
            Assert.DoesNotContain("completedAt", Keys(running));
            Assert.DoesNotContain("result", Keys(running));
            Assert.DoesNotContain("error", Keys(running));
        }

        var done = await Eventually.Until(() => api.ExecutionAsync(id), b => b["status"]!.GetValue<string>() == "completed");
        Assert.Equal(["completedAt", "createdAt", "executionId", "observability", "result", "status"], Keys(done));
        Assert.Equal("contract", done["result"]!["label"]!.GetValue<string>());
        var observability = done["observability"]!;
        Assert.Equal(["derived", "phases"], Keys(observability));
        var phases = observability["phases"]!.AsArray();
        Assert.Equal([1, 2, 3, 4], phases.Select(p => p!["phaseOrder"]!.GetValue<int>()));
        Assert.All(phases, p => Assert.Equal("completed", p!["status"]!.GetValue<string>()));

        var (_, withSteps) = await api.GetAsync($"{Base}/executions/{id}?includeSteps=true");
        Assert.Equal(4, withSteps["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_items_never_carry_durationMs_or_observability()
    {
        var id = await api.RunTextAsync("list keys");
        await Eventually.Until(() => api.StatusAsync(id), s => s == "completed");
        var (response, body) = await api.GetAsync($"{Base}/classify-text/executions?limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["data", "limit", "offset", "total"], Keys(body));
        var item = body["data"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(["completedAt", "createdAt", "id", "result", "startedAt", "status", "triggerInput", "triggerType", "workflow", "workflowId"], Keys(item));
        Assert.Equal(["id", "name"], Keys(item["workflow"]));
    }

    [Fact]
    public async Task Version_accepts_latest_id_and_tag_and_404s_unknown()
    {
        foreach (var version in new[] { "latest", "1.0.0", "0.9.0", "wfh_c3p9classifytx01" })
        {
            var (ok, _) = await api.PostJsonAsync($"{Base}/classify-text/run?version={version}", """{"input":{"text":"v"}}""");
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        var (response, body) = await api.PostJsonAsync($"{Base}/classify-text/run?version=9.9.9", """{"input":{"text":"v"}}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("query.version", AssertEnvelope(response, body, "not_found")["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_of_workflow_with_api_triggering_disabled_is_403()
    {
        var (response, body) = await api.PostJsonAsync($"{Base}/archived-flow/run", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertEnvelope(response, body, "forbidden");
    }

    [Theory]
    [InlineData("61")]
    [InlineData("0")]
    [InlineData("soon")]
    public async Task Wait_for_completion_out_of_range_is_400(string wait)
    {
        var (response, body) = await api.PostJsonAsync($"{Base}/classify-text/run?wait_for_completion={wait}", """{"input":{"text":"w"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("query.wait_for_completion", AssertEnvelope(response, body, "invalid_value")["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wait_for_completion_returns_the_terminal_status_and_result()
    {
        var (response, body) = await api.PostJsonAsync($"{Base}/classify-text/run?wait_for_completion=5", """{"input":{"text":"refund please"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("completed", body["status"]!.GetValue<string>());
        Assert.Equal("complaint", body["result"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_status_filter_and_bad_dates_are_400()
    {
        var (status, _) = await api.GetAsync($"{Base}/classify-text/executions?status=done");
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        var (date, _) = await api.GetAsync($"{Base}/classify-text/executions?fromDate=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, date.StatusCode);
        var (limit, _) = await api.GetAsync($"{Base}/classify-text/executions?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
    }

    internal static System.Text.Json.Nodes.JsonNode AssertEnvelope(HttpResponseMessage response, System.Text.Json.Nodes.JsonObject body, string code)
    {
        Assert.Contains("json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));
        Assert.Equal(requestId, body["requestId"]!.GetValue<string>());
        Assert.Contains(Keys(body), k => k == "issues");
        var issue = Assert.Single(body["issues"]!.AsArray())!;
        Assert.Equal(["code", "field", "message", "severity"], Keys(issue));
        Assert.Equal(code, issue["code"]!.GetValue<string>());
        Assert.Equal("error", issue["severity"]!.GetValue<string>());
        return issue;
    }
}

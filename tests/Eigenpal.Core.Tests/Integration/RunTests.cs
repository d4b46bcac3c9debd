using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>Run requests as JSON and as multipart, asynchronous and with <c>wait_for_completion</c>.</summary>
public sealed class RunTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private static readonly byte[] InvoiceText = Encoding.UTF8.GetBytes(
        "ACME GmbH\nInvoice No: INV-2026-0042\nDate: 2026-02-14\nSupplier: ACME GmbH\nTotal: 1,234.56 EUR\n");

    private readonly EigenpalClient _client = fixture.Client;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Json_run_queues_an_execution_whose_input_the_server_kept()
    {
        var text = $"please classify {Guid.NewGuid():N}";
        var run = await _client.Workflows.RunAsync("classify-text", new RunRequest { Input = new Dictionary<string, object?> { ["text"] = text } });

        Assert.StartsWith("exec_", run.ExecutionId, StringComparison.Ordinal);
        Assert.Null(run.Status);
        Assert.Null(run.Result);

        var listed = await _client.Workflows.Executions.ListAsync("classify-text", new ExecutionListQuery { Limit = 100 });
        var item = Assert.Single(listed.Data, e => e.Id == run.ExecutionId);
        Assert.Equal("wf_c3p9classifytx", item.WorkflowId);
        Assert.Equal("api", item.TriggerType);
        Assert.Equal(text, item.TriggerInput?.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Json_run_by_workflow_id_with_cli_trigger_and_pinned_version()
    {
        var run = await _client.Workflows.RunAsync(
            "wf_c3p9classifytx",
            new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "pinned" }, Trigger = RunTrigger.Cli, Version = "0.9.0" });

        var listed = await _client.Workflows.Executions.ListAsync("classify-text", new ExecutionListQuery { Limit = 100 });
        Assert.Equal("cli", Assert.Single(listed.Data, e => e.Id == run.ExecutionId).TriggerType);
    }

    [Fact]
    public async Task Multipart_run_from_bytes_delivers_the_exact_bytes()
    {
        var run = await _client.Workflows.RunAsync("extract-invoice", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromBytes(InvoiceText, "invoice-42.txt") },
            WaitForCompletionSeconds = 10,
        });

        Assert.Equal(ExecutionStatus.Completed, run.Status);
        var result = Assert.IsType<JsonElement>(run.Result);
        Assert.Equal(Sha256(InvoiceText), result.GetProperty("sha256").GetString());
        Assert.Equal(InvoiceText.Length, result.GetProperty("sizeBytes").GetInt32());
        Assert.Equal("invoice-42.txt", result.GetProperty("fileName").GetString());
        Assert.Equal("INV-2026-0042", result.GetProperty("invoiceNumber").GetString());
    }

    [Fact]
    public async Task Multipart_run_from_a_file_path_sends_its_content_and_base_name()
    {
        var bytes = new byte[64 * 1024];
        new Random(5).NextBytes(bytes);
        var path = Path.Combine(Path.GetTempPath(), $"eigenpal-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var run = await _client.Workflows.RunAsync("extract-invoice", new RunRequest
            {
                Input = new Dictionary<string, object?> { ["contract_document"] = RunFile.FromPath(path), ["note"] = "sidecar scalar" },
            });

            var finished = await Eventually.Until(
                () => _client.Workflows.Executions.GetAsync(run.ExecutionId),
                e => e.Status.IsTerminal(),
                "the extraction finishes");
            Assert.Equal(ExecutionStatus.Completed, finished.Status);
            var result = Assert.IsType<JsonElement>(finished.Result);
            Assert.Equal(Sha256(bytes), result.GetProperty("sha256").GetString());
            Assert.Equal(Path.GetFileName(path), result.GetProperty("fileName").GetString());

            var listed = await _client.Workflows.Executions.ListAsync("extract-invoice", new ExecutionListQuery { Limit = 100 });
            var input = Assert.Single(listed.Data, e => e.Id == run.ExecutionId).TriggerInput!.Value;
            Assert.Equal("sidecar scalar", input.GetProperty("note").GetString());
            Assert.Equal("application/octet-stream", input.GetProperty("contract_document").GetProperty("contentType").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Wait_for_completion_returns_status_and_result()
    {
        var run = await _client.Workflows.RunAsync("classify-text", new RunRequest
        {
            Input = new Dictionary<string, object?> { ["text"] = "Invoice overdue, please pay the total" },
            WaitForCompletionSeconds = 10,
        });

        Assert.Equal(ExecutionStatus.Completed, run.Status);
        Assert.Equal(JsonValueKind.Object, run.Result?.ValueKind);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task Wait_for_completion_that_runs_out_returns_only_the_execution_id()
    {
        var run = await _client.Workflows.RunAsync("normalize-address", new RunRequest { WaitForCompletionSeconds = 1 });

        Assert.StartsWith("exec_", run.ExecutionId, StringComparison.Ordinal);
        Assert.Null(run.Status);
        Assert.Null(run.Result);
        Assert.False((await _client.Workflows.Executions.GetAsync(run.ExecutionId)).Status.IsTerminal());
    }
}

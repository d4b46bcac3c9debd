using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Dashboard;

/// <summary>
/// One real worker process over a store seeded through the real intake and the simulator, shared by the dashboard
/// tests: a finished batch of invoices (completed, failed and rejected, one whose result carries a script tag), a
/// batch still running past its stuck threshold, a submission in error (unknown workflow), and two undetermined
/// ones (their run responses lost). When seeding ends the store is quiet: only the running batch is in flight, and
/// its polls change no submission row, so every number the pages show can be compared with SQL.
/// </summary>
public sealed class SeededDashboard : IAsyncLifetime
{
    /// <summary>The supplier of the invoice whose extracted result holds markup.</summary>
    public const string ScriptSupplier = "<script>alert('x')</script> & Sons";

    /// <summary>How many submissions the finished batch holds: 30 invoices, the invoices whose result holds markup, and broken PDFs.</summary>
    public const int MarchSize = 30 + ScriptInvoices + BrokenPdfs;

    // A broken PDF fails every time (input_unreadable), so the batch has failures whatever the random outcomes.
    private const int BrokenPdfs = 2;

    // Runs fail or are rejected at random (15 %): among five, one completes but once in ten thousand seeds.
    private const int ScriptInvoices = 5;

    private readonly PostgresServer _postgres = new();

    public WorkerScenario Scenario { get; private set; } = null!;

    public TrackingDatabase Database => Scenario.Database;

    public Uri BaseUrl { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Guid MarchBatch { get; private set; }

    public Guid SlowBatch { get; private set; }

    public Guid ScriptSubmission { get; private set; }

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Scenario = await WorkerScenario.StartAsync(_postgres, o => o.Workflows["classify-text"] = new WorkflowBehaviourOptions
        {
            Duration = DurationOptions.Fixed((int)TimeSpan.FromMinutes(20).TotalMilliseconds), FailureRate = 0, RejectionRate = 0,
        });
        Scenario.Settings["Eigenpal__Sender__UnknownOutcomeSettleTime"] = "00:00:02";
        Scenario.Settings["Eigenpal__Dashboard__StuckAfter__running"] = "3s";
        Scenario.Settings["Eigenpal__Dashboard__StuckAfter__pending"] = "1h";
        BaseUrl = new Uri($"http://127.0.0.1:{WorkerHttp.FreePort()}");
        Scenario.StartWorker(BaseUrl);
        await Eventually.WaitAsync(HealthyAsync, ok => ok, TimeSpan.FromSeconds(60), "the worker's HTTP server", async () => Scenario.WorkerOutputTail());

        var invoices = Enumerable.Range(0, 30).Select(i => SampleSubmissions.Invoice(i, "march")).ToList();
        invoices.AddRange(Enumerable.Range(1, BrokenPdfs).Select(BrokenPdf));
        invoices.AddRange(Enumerable.Range(1, ScriptInvoices).Select(ScriptInvoice));
        var march = await Database.Intake.RecordBatchAsync("march", invoices);
        MarchBatch = march.BatchId;
        await Database.Intake.RecordAsync(new NewSubmission
        {
            Workflow = "no-such-workflow", SourceName = "lost-workflow.txt", Input = new JsonObject { ["text"] = "nobody runs this" },
        });
        await Scenario.WaitForAllFinalAsync(MarchSize + 1, TimeSpan.FromSeconds(120));
        var scripted = march.Submissions.TakeLast(ScriptInvoices).Select(r => $"'{r.Id}'");
        ScriptSubmission = (await Database.ColumnAsync<Guid>(
            $"SELECT id FROM eigenpal.submissions WHERE state = 'completed' AND id IN ({string.Join(", ", scripted)}) ORDER BY source_name LIMIT 1")).Single();

        var slow = await Database.Intake.RecordBatchAsync("slow", Enumerable.Range(0, 3).Select(i => SampleSubmissions.Text(i, "slow")).ToList());
        SlowBatch = slow.BatchId;
        await Eventually.WaitAsync(
            () => Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'running' AND updated_at < now() - interval '3 seconds'"),
            n => n == 3, TimeSpan.FromSeconds(60), "the slow batch to be running past its stuck threshold", async () => Scenario.WorkerOutputTail());

        // Both run responses are lost and nothing is echoed: reconciliation cannot tell the two runs apart.
        Scenario.Simulator.SetFaults(new FaultOptions { LostRunResponseRate = 1, Endpoints = ["runWorkflow"] });
        var modes = Scenario.Simulator.Modes;
        var echo = modes.FileEcho;
        modes.FileEcho = FileEchoMode.None;
        Scenario.Simulator.SetModes(modes);
        await Database.Intake.RecordBatchAsync("undecided", [SampleSubmissions.Invoice(100, "undecided"), SampleSubmissions.Invoice(102, "undecided")]);
        await Eventually.WaitAsync(
            () => Database.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submissions WHERE state = 'undetermined'"),
            n => n == 2, TimeSpan.FromSeconds(90), "two undetermined submissions", async () => await Database.DescribeAsync() + "\n" + Scenario.WorkerOutputTail());
        Scenario.Simulator.SetFaults(new FaultOptions());
        modes.FileEcho = echo;
        Scenario.Simulator.SetModes(modes);
    }

    /// <summary>The page at <paramref name="path"/>, parsed; fails unless it answers 200.</summary>
    public async Task<IDocument> PageAsync(string path)
    {
        var html = await TextAsync(path);
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>The body at <paramref name="path"/> as text; fails unless it answers 200.</summary>
    public async Task<string> TextAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(BaseUrl, path));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    /// <summary>The body at <paramref name="path"/> as bytes; fails unless it answers 200.</summary>
    public async Task<byte[]> BytesAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(BaseUrl, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The JSON at <paramref name="path"/>.</summary>
    public async Task<JsonNode> JsonAsync(string path) => JsonNode.Parse(await TextAsync(path)) ?? throw new InvalidOperationException($"{path}: null");

    private static NewSubmission BrokenPdf(int i) => new()
    {
        Workflow = "extract-invoice",
        SourceName = $"broken-{i}.pdf",
        Files = [new SubmissionFile("contract_document", $"broken-{i}.pdf", "application/pdf", Encoding.UTF8.GetBytes($"%PDF-1.7\nbroken {i}, no objects\n"))],
    };

    private static NewSubmission ScriptInvoice(int i)
    {
        var text = $"Invoice No: INV-SCRIPT-{i}\nDate: 2026-03-14\nSupplier: {ScriptSupplier}\nTotal: 99.50 EUR\n";
        return new NewSubmission
        {
            Workflow = "extract-invoice",
            SourceName = $"invoice-script-{i}.txt",
            Files = [new SubmissionFile("contract_document", $"invoice-script-{i}.txt", "text/plain", Encoding.UTF8.GetBytes(text))],
        };
    }

    private Task<bool> HealthyAsync() => WorkerHttp.AnswersHealthzAsync(Http, BaseUrl);


    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (Scenario is not null)
        {
            await Scenario.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}

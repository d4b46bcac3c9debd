using System.Text;
using Eigenpal.Simulator;
using Eigenpal.Simulator.Options;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Sending;

/// <summary>
/// A migrated database of the test's own, an in-process simulator over real HTTP (extract-invoice
/// runs stay non-terminal for a minute, never fail), and the sender wired as the worker wires it.
/// </summary>
public abstract class SenderTestBase(PostgresServer postgres) : IAsyncLifetime
{
    protected const string Workflow = "extract-invoice";
    protected const string FileInput = "contract_document";
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<SenderHarness> _harnesses = [];

    protected TrackingDatabase Database { get; private set; } = null!;

    protected SimulatorHost Simulator { get; private set; } = null!;

    /// <summary>The simulator's clock; the real one unless a test class says otherwise.</summary>
    protected virtual TimeProvider SimulatorClock => TimeProvider.System;

    public virtual async Task InitializeAsync()
    {
        Database = await TrackingDatabase.CreateAsync(postgres);
        Simulator = await SimulatorHost.StartAsync(
            o =>
            {
                o.Seed = 11;
                o.Workflows[Workflow] = new WorkflowBehaviourOptions { Duration = DurationOptions.Fixed(60_000), FailureRate = 0, RejectionRate = 0 };
            },
            SimulatorClock);
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A sender wired like the worker's, with the small test settings and <paramref name="overrides"/>.</summary>
    protected SenderHarness Harness(IReadOnlyDictionary<string, string?>? overrides = null, Uri? baseUrl = null)
    {
        var harness = SenderHarness.Create(Database.ConnectionString, baseUrl ?? Simulator.BaseUrl, Simulator.ApiKey, overrides);
        _harnesses.Add(harness);
        return harness;
    }

    protected void Faults(FaultOptions faults) => Simulator.SetFaults(faults);

    protected void Modes(Action<ModeOptions> change)
    {
        var modes = Simulator.Modes;
        change(modes);
        Simulator.SetModes(modes);
    }

    protected async Task<Guid> RecordInvoiceAsync(int i) =>
        (await Database.Intake.RecordBatchAsync(null, [SampleSubmissions.Invoice(i, GetType().Name)])).Submissions[0].Id;

    /// <summary>An invoice whose file is named <paramref name="fileName"/>, with content of its own.</summary>
    protected async Task<Guid> RecordFileAsync(string fileName, string content, System.Text.Json.Nodes.JsonObject? input = null) =>
        (await Database.Intake.RecordBatchAsync(null, [new NewSubmission
        {
            Workflow = Workflow,
            SourceName = content,
            Input = input ?? [],
            Files = [new SubmissionFile(FileInput, fileName, "text/plain", Encoding.UTF8.GetBytes(content))],
        }])).Submissions[0].Id;

    /// <summary>Calls <paramref name="send"/> until it stops answering <see cref="SendOutcome.AwaitingReconciliation"/> (the settle time passing).</summary>
    protected static Task<SendOutcome> UntilDecidedAsync(Func<Task<SendOutcome>> send, string what) =>
        Eventually.WaitAsync(send, o => o != SendOutcome.AwaitingReconciliation, Patience, what);

    /// <summary>The ids of the executions the simulator holds for the workflow, look-alikes included.</summary>
    protected static async Task<List<string>> RemoteIdsAsync(SenderHarness harness)
    {
        var page = await harness.NewClient().Workflows.Executions.ListAsync(Workflow, new Api.ExecutionListQuery { Limit = 100 });
        return [.. page.Data.Select(e => e.Id)];
    }

    protected Task ExecuteAsync(string sql, Guid? submission = null) => WithCommandAsync(sql, submission, c => c.ExecuteNonQueryAsync());

    /// <summary><paramref name="expression"/> over the submission's latest attempt (or attempt <paramref name="attempt"/>).</summary>
    protected Task<T> AttemptAsync<T>(Guid submission, string expression, int? attempt = null) => ScalarAsync<T>(
        $"SELECT {expression} FROM eigenpal.executions e WHERE e.submission_id = @id {(attempt is { } a ? $"AND e.attempt = {a}" : "")} ORDER BY e.attempt DESC LIMIT 1",
        submission);

    protected Task<T> SubmissionAsync<T>(Guid submission, string expression) =>
        ScalarAsync<T>($"SELECT {expression} FROM eigenpal.submissions s WHERE s.id = @id", submission);

    protected Task<long> AttemptCountAsync(Guid submission) =>
        ScalarAsync<long>("SELECT count(*) FROM eigenpal.executions WHERE submission_id = @id", submission);

    /// <summary>Every status change of the submission's attempts, as <c>attempt:from&gt;to:detail</c>, oldest first.</summary>
    protected async Task<List<string>> ChangesAsync(Guid submission)
    {
        var changes = new List<string>();
        await WithCommandAsync("""
            SELECT e.attempt || ':' || c.from_status || '>' || c.to_status || ':' || c.detail
            FROM eigenpal.status_changes c JOIN eigenpal.executions e ON e.id = c.execution_id
            WHERE e.submission_id = @id ORDER BY c.id
            """, submission, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                changes.Add(reader.GetString(0));
            }

            return 0;
        });
        return changes;
    }

    protected Task<T> ScalarAsync<T>(string sql, Guid? submission = null) => WithCommandAsync(sql, submission, async command =>
    {
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row for " + sql);
        return reader.IsDBNull(0) ? default! : reader.GetFieldValue<T>(0);
    });

    private async Task<T> WithCommandAsync<T>(string sql, Guid? submission, Func<Npgsql.NpgsqlCommand, Task<T>> run)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        if (submission is { } id)
        {
            command.Parameters.AddWithValue("id", id);
        }

        return await run(command);
    }
}

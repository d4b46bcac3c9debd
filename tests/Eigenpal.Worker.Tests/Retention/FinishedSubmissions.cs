using System.Text;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;

namespace Eigenpal.Worker.Tests.Retention;

/// <summary>
/// Seeds submissions that ended in a given state some time ago, with a stored file each. Waiting days for a real
/// run to age is not possible, so the submission is recorded through the intake (its file stored, hashed and sized
/// as every submission's is) and its attempts are then written as the store writes them, with the age set back.
/// </summary>
internal sealed class FinishedSubmissions(TrackingDatabase database)
{
    public const string Workflow = "extract-invoice";
    public const string FileInput = "contract_document";

    private int _count;

    /// <summary>
    /// A submission in <paramref name="state"/> after <paramref name="attempts"/> attempts, last changed <paramref name="age"/> ago.
    /// The latest attempt carries <paramref name="retryable"/> (the API's flag) and, when completed, a result.
    /// </summary>
    public async Task<Guid> SeedAsync(string state, TimeSpan age, int attempts = 1, bool? retryable = null, string workflow = Workflow)
    {
        var n = Interlocked.Increment(ref _count);
        var content = Encoding.UTF8.GetBytes($"Invoice No: RET-{n:D4}\nState: {state}\nTotal: {100 + n}.00 EUR\n" + new string('x', 1000 + n));
        var recorded = await database.Intake.RecordBatchAsync(null, [new NewSubmission
        {
            Workflow = workflow,
            SourceName = $"retention-{n:D4}.txt",
            Files = [new SubmissionFile(FileInput, $"retention-{n:D4}.txt", "text/plain", content)],
        }]);
        var id = recorded.Submissions[0].Id;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var latest = attempt == attempts;
            await ExecuteAsync("""
                INSERT INTO eigenpal.executions (id, submission_id, attempt, workflow, remote_id, status, sent_at, completed_at, result, error, retryable)
                VALUES (gen_random_uuid(), @id, @attempt, @workflow, 'exec_' || replace(gen_random_uuid()::text, '-', ''), @status,
                        now() - @age, CASE WHEN @final THEN now() - @age END, @result::jsonb, @error, @retryable::boolean)
                """, id, new()
            {
                ["attempt"] = attempt,
                ["workflow"] = workflow,
                ["status"] = latest ? AttemptStatus(state) : "failed",
                ["age"] = age,
                ["final"] = !latest || state is not ("running" or "undetermined"),
                ["result"] = latest && state == "completed" ? $$"""{"invoice_number": "RET-{{n:D4}}"}""" : null,
                ["error"] = latest && state != "failed" ? null : "provider timeout",
                ["retryable"] = latest ? retryable : true,
            });
        }

        await ExecuteAsync("UPDATE eigenpal.submissions SET state = @state, attempt = @attempts, updated_at = now() - @age WHERE id = @id", id, new()
        {
            ["state"] = state,
            ["attempts"] = attempts,
            ["age"] = age,
        });
        return id;
    }

    private static string AttemptStatus(string state) => state switch
    {
        "error" => "refused",
        _ => state,
    };

    private async Task ExecuteAsync(string sql, Guid id, Dictionary<string, object?> parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in parameters)
        {
            // A null goes as text; the SQL casts it to the column's type.
            command.Parameters.Add(value is null
                ? new Npgsql.NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value }
                : new Npgsql.NpgsqlParameter(name, value));
        }

        await command.ExecuteNonQueryAsync();
    }
}

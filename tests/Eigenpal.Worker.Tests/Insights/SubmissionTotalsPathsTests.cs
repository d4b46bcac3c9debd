using Eigenpal.Api;
using DbUp;
using Eigenpal.Executions;
using Eigenpal.Imports;
using Eigenpal.Insights;
using Eigenpal.Polling;
using Eigenpal.Reprocessing;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Surfaces;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eigenpal.Worker.Tests.Insights;

/// <summary>
/// Every way a submission comes into being or changes state is counted: intake (and its idempotent
/// re-recording, which adds nothing), import (and an import that loses its race and rolls back), a cancel
/// before sending, an attempt's change through <see cref="StateChange"/>, a reprocess reopening, and the
/// migration's backfill of a store that had submissions before the counters existed.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class SubmissionTotalsPathsTests(PostgresServer postgres)
{
    [Fact]
    public async Task Intake_import_cancel_attempt_changes_and_reprocessing_are_all_counted()
    {
        var db = await TrackingDatabase.CreateAsync(postgres);
        await using var _ = db;
        var fold = new StateTotalsFold(db.DataSource);
        var batch = await db.Intake.RecordBatchAsync("paths", SampleSubmissions.Mixed(20, "paths"));
        await TotalsCheck.AssertPublicApiExactAsync(db);
        // Recording the same again finds them under their keys: nothing new is counted.
        await db.Intake.RecordBatchAsync("paths", SampleSubmissions.Mixed(20, "paths"));
        await TotalsCheck.AssertPublicApiExactAsync(db);
        await fold.FoldAsync();

        await using var connection = await db.DataSource.OpenConnectionAsync();
        var import = ImportBatch.For("extract-invoice", DateTimeOffset.UtcNow);
        var failed = new ExecutionObservation(ExecutionStatus.Failed, null, "provider timeout", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "runtime", true, "list");
        var input = ImportedInput.From(null, []);
        Assert.True(await ImportStore.AdoptAsync(connection, import, new OutsideRun("exec_outside_1", failed, null, null, null), input, ApiSurface.Legacy, TimeSpan.FromSeconds(5), "test", default));
        // A second import of the same run inserts nothing (its key exists) and rolls back.
        Assert.False(await ImportStore.AdoptAsync(connection, import, new OutsideRun("exec_outside_1", failed, null, null, null), input, ApiSurface.Legacy, TimeSpan.FromSeconds(5), "test", default));
        await TotalsCheck.AssertPublicApiExactAsync(db);

        var first = batch.Submissions[0].Id;
        Assert.True(await StateChange.MoveSubmissionAsync(connection, first, 0, SubmissionState.Pending, SubmissionState.Cancelled, "cancelled before it was sent", default));
        await TotalsCheck.AssertPublicApiExactAsync(db);
        await fold.FoldAsync();

        // An attempt that began and then failed moves its submission twice (pending → sending → failed).
        var second = batch.Submissions[1].Id;
        var attempt = await StateChange.BeginAttemptAsync(
            connection, second, "classify-text", 0, ApiSurface.Legacy, null, TimeSpan.FromMinutes(1),
            new Eigenpal.Reconciliation.ReconcileWindow(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1)), TimeSpan.FromSeconds(30), default);
        Assert.NotNull(attempt);
        await TotalsCheck.AssertPublicApiExactAsync(db);
        Assert.True(await StateChange.ApplyAsync(connection, new AttemptChange
        {
            AttemptId = attempt.Id, To = AttemptState.Failed, Observer = "test", From = AttemptState.Sending, Submission = SubmissionState.Failed,
        }, default));
        await TotalsCheck.AssertPublicApiExactAsync(db);

        var reopened = await StateChange.ReopenFailedAsync(connection, [new Reopening(second, 1, DateTimeOffset.UtcNow, false, "reprocess run test")], default);
        Assert.Single(reopened);
        await TotalsCheck.AssertPublicApiExactAsync(db);
        await fold.FoldAsync();
        await TotalsCheck.AssertPublicApiExactAsync(db);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_state_deltas"));
    }

    [Fact]
    public async Task The_migration_counts_the_submissions_recorded_before_it()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        // The schema as it was before the counters (every migration before 0010), with submissions in it.
        await using (var schema = Npgsql.NpgsqlDataSource.Create(connectionString))
        {
            await using var create = schema.CreateCommand("CREATE SCHEMA eigenpal");
            await create.ExecuteNonQueryAsync();
        }

        var before = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith("migrations.", StringComparison.Ordinal)
                && string.CompareOrdinal(name, "migrations.0010") < 0)
            .JournalToPostgresqlTable("eigenpal", "schema_versions")
            .WithTransactionPerScript()
            .Build()
            .PerformUpgrade();
        Assert.True(before.Successful, before.Error?.Message);
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString))
        {
            var intake = new SubmissionIntake(dataSource, TimeProvider.System, NullLogger<SubmissionIntake>.Instance);
            await intake.RecordBatchAsync("old", SampleSubmissions.Mixed(40, "old"));
            await using var spread = dataSource.CreateCommand("""
                UPDATE eigenpal.submissions SET state = (ARRAY['completed', 'failed', 'rejected'])[1 + abs(hashtext(id::text)) % 3] WHERE abs(hashtext(id::text)) % 4 > 0;
                INSERT INTO eigenpal.submissions (id, workflow, idempotency_key, state) VALUES (gen_random_uuid(), 'classify-text', 'loose', 'error');
                """);
            await spread.ExecuteNonQueryAsync();
        }

        var db = await TrackingDatabase.OpenAsync(connectionString);
        await using var _ = db;
        await TotalsCheck.AssertPublicApiExactAsync(db);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM eigenpal.submission_totals_workflow") >= 4);
    }
}

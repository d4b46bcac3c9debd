using System.Text.Json.Nodes;
using Eigenpal.Storage;
using Eigenpal.Submissions;
using Eigenpal.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Eigenpal.Worker.Tests.Storage;

[Collection(PostgresTests.Name)]
public sealed class MigrationAndIntakeTests(PostgresServer postgres) : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() => _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Workers_starting_together_apply_each_migration_exactly_once()
    {
        var migrators = Enumerable.Range(0, 4).Select(_ => new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance));

        var applied = await Task.WhenAll(migrators.Select(m => m.MigrateAsync()));

        Assert.Single(applied.SelectMany(a => a), name => name.Contains("0001_tracking_schema", StringComparison.Ordinal));
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM eigenpal.schema_versions");
        Assert.Equal(Directory.GetFiles(RepositoryRoot.Path("migrations"), "*.sql").Length, Convert.ToInt32(await count.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Recording_the_same_document_twice_returns_the_first_submission()
    {
        await new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var intake = new SubmissionIntake(_dataSource, TimeProvider.System, NullLogger<SubmissionIntake>.Instance);
        var invoice = new SubmissionFile("contract_document", "a.pdf", "application/pdf", "%PDF-1.4 invoice"u8.ToArray());

        var first = await intake.RecordBatchAsync("first", [new NewSubmission { Workflow = "extract-invoice", Files = [invoice], Input = new JsonObject { ["lang"] = "de" } }]);
        // Same bytes under another name, keys of the scalar input in the same order: the same run.
        var renamed = invoice with { FileName = "copy-of-a.pdf" };
        var second = await intake.RecordBatchAsync("second", [
            new NewSubmission { Workflow = "extract-invoice", Files = [renamed], Input = new JsonObject { ["lang"] = "de" } },
            new NewSubmission { Workflow = "extract-invoice", Files = [renamed], Input = new JsonObject { ["lang"] = "fr" } },
        ]);

        Assert.True(first.Submissions[0].Created);
        Assert.False(second.Submissions[0].Created);
        Assert.Equal(first.Submissions[0].Id, second.Submissions[0].Id);
        Assert.True(second.Submissions[1].Created);

        await using var files = _dataSource.CreateCommand("SELECT content FROM eigenpal.submission_files WHERE submission_id = @id");
        files.Parameters.AddWithValue("id", first.Submissions[0].Id);
        Assert.Equal(invoice.Content, (byte[])(await files.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_batch_with_an_invalid_submission_records_nothing()
    {
        await new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var intake = new SubmissionIntake(_dataSource, TimeProvider.System, NullLogger<SubmissionIntake>.Instance);
        var file = new SubmissionFile("contract_document", "a.pdf", "application/pdf", [1, 2, 3]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => intake.RecordBatchAsync(null, [
            new NewSubmission { Workflow = "extract-invoice", Files = [file], SourceName = "a.pdf" },
            new NewSubmission { Workflow = "extract-invoice", Files = [file, file], SourceName = "twice.pdf" },
        ]));

        Assert.Contains("twice.pdf", error.Message, StringComparison.Ordinal);
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM eigenpal.submissions");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}

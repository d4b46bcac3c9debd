using Eigenpal.Worker.Tests.Infrastructure;
using Eigenpal.Worker.Webhooks;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>The event-id table on a real PostgreSQL: one hint per id, and bounded by the purge.</summary>
[Collection(PostgresTests.Name)]
public sealed class WebhookEventStoreTests(PostgresServer postgres)
{
    [Fact]
    public async Task Event_ids_older_than_the_retention_are_purged_and_newer_ones_kept()
    {
        await using var database = await TrackingDatabase.CreateAsync(postgres);
        var store = new WebhookEventStore(database.DataSource);
        var hint = new RunEvent(RunEvent.RunStatusChanged, Test: false, RunId: "exec_1");
        Assert.Equal(WebhookReceipt.UntrackedRun, await store.RecordAsync("whev_old", hint, CancellationToken.None));
        Assert.Equal(WebhookReceipt.UntrackedRun, await store.RecordAsync("whev_new", hint, CancellationToken.None));
        Assert.Equal(WebhookReceipt.Duplicate, await store.RecordAsync("whev_new", hint, CancellationToken.None));
        await database.ScalarAsync<int>("WITH aged AS (UPDATE eigenpal.webhook_events SET received_at = now() - interval '25 hours' WHERE event_id = 'whev_old' RETURNING 1) SELECT count(*)::int FROM aged");

        Assert.Equal(1, await store.PurgeAsync(TimeSpan.FromDays(1), CancellationToken.None));
        Assert.Equal(["whev_new"], await database.ColumnAsync<string>("SELECT event_id FROM eigenpal.webhook_events"));
    }
}

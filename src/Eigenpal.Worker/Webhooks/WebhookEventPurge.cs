using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Webhooks;

/// <summary>
/// Keeps <c>eigenpal.webhook_events</c> bounded: once an hour, event ids older than
/// <see cref="WebhookOptions.RetainEventsFor"/> are deleted. Several workers may purge at once; a
/// delete of rows already gone is harmless.
/// </summary>
internal sealed class WebhookEventPurge(
    WebhookEventStore store, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookEventPurge> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var purged = await store.PurgeAsync(options.Value.RetainEventsFor, stoppingToken);
                if (purged > 0)
                {
                    WebhookLog.Purged(logger, purged);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                WebhookLog.PurgeFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

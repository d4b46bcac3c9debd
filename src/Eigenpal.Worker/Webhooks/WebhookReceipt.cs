namespace Eigenpal.Worker.Webhooks;

/// <summary>What accepting one verified event did; the endpoint answers 2xx for each of them.</summary>
internal enum WebhookReceipt
{
    /// <summary>A tracked run is due for a poll now.</summary>
    Hinted,

    /// <summary>An event about a run this store does not track, or no longer polls (already final).</summary>
    UntrackedRun,

    /// <summary>An event id seen before: a repeated delivery, which changes nothing.</summary>
    Duplicate,

    /// <summary>A test send, or a type the worker does not act on; not recorded.</summary>
    Ignored,
}

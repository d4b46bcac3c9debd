using Eigenpal.Simulator.Endpoints;

namespace Eigenpal.Simulator.Admin;

/// <summary>Lock-free counters behind <see cref="CountersSnapshot"/>.</summary>
internal sealed class SimulatorCounters
{
    private readonly long[] requests = new long[EndpointNames.All.Count];
    private long executionsCreated;
    private long duplicateInputExecutions;
    private long unauthorized;
    private long rateLimited;
    private long serverErrors;
    private long hung;
    private long lostResponses;
    private long requestsBeforeRetryAfter;
    private long lookAlikesCreated;
    private long rerunsCreated;
    private long uploadSessionsCreated;
    private long filesCreated;
    private long webhookEvents;
    private long webhookAttempts;
    private long webhookDelivered;
    private long webhookLost;

    public void Request(string endpointName)
    {
        var index = IndexOf(endpointName);
        if (index >= 0)
        {
            Interlocked.Increment(ref requests[index]);
        }
    }

    /// <summary>A client's run was created; <paramref name="duplicateInput"/> when its input was seen before.</summary>
    public void ExecutionCreated(bool duplicateInput)
    {
        Interlocked.Increment(ref executionsCreated);
        if (duplicateInput)
        {
            Interlocked.Increment(ref duplicateInputExecutions);
        }
    }

    /// <summary>A run made by the simulator as another client; kept apart from the client's own counts.</summary>
    public void LookAlikeCreated() => Interlocked.Increment(ref lookAlikesCreated);

    /// <summary>A rerun created a run (also counted by <see cref="ExecutionCreated"/>).</summary>
    public void RerunCreated() => Interlocked.Increment(ref rerunsCreated);

    /// <summary>An upload negotiation made a new session.</summary>
    public void UploadSessionCreated() => Interlocked.Increment(ref uploadSessionsCreated);

    /// <summary>A v1 file was created.</summary>
    public void FileCreated() => Interlocked.Increment(ref filesCreated);

    public void WebhookEvent() => Interlocked.Increment(ref webhookEvents);

    public void WebhookAttempt() => Interlocked.Increment(ref webhookAttempts);

    public void WebhookDelivered() => Interlocked.Increment(ref webhookDelivered);

    public void WebhookLost() => Interlocked.Increment(ref webhookLost);

    public void Unauthorized() => Interlocked.Increment(ref unauthorized);

    public void RateLimited() => Interlocked.Increment(ref rateLimited);

    public void ServerError() => Interlocked.Increment(ref serverErrors);

    public void Hung() => Interlocked.Increment(ref hung);

    public void LostResponse() => Interlocked.Increment(ref lostResponses);

    /// <summary>A request arrived while a Retry-After sent earlier was still in force.</summary>
    public void RequestBeforeRetryAfter() => Interlocked.Increment(ref requestsBeforeRetryAfter);

    public CountersSnapshot Snapshot(long executionsInMemory)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < requests.Length; i++)
        {
            byName[EndpointNames.All[i]] = Interlocked.Read(ref requests[i]);
        }

        return new CountersSnapshot(
            byName,
            Interlocked.Read(ref executionsCreated),
            Interlocked.Read(ref duplicateInputExecutions),
            Interlocked.Read(ref unauthorized),
            Interlocked.Read(ref rateLimited),
            Interlocked.Read(ref serverErrors),
            Interlocked.Read(ref hung),
            Interlocked.Read(ref lostResponses),
            executionsInMemory,
            Interlocked.Read(ref requestsBeforeRetryAfter),
            Interlocked.Read(ref lookAlikesCreated),
            Interlocked.Read(ref rerunsCreated),
            Interlocked.Read(ref uploadSessionsCreated),
            Interlocked.Read(ref filesCreated),
            Interlocked.Read(ref webhookEvents),
            Interlocked.Read(ref webhookAttempts),
            Interlocked.Read(ref webhookDelivered),
            Interlocked.Read(ref webhookLost));
    }

    public void Reset()
    {
        for (var i = 0; i < requests.Length; i++)
        {
            Interlocked.Exchange(ref requests[i], 0);
        }

        Interlocked.Exchange(ref executionsCreated, 0);
        Interlocked.Exchange(ref duplicateInputExecutions, 0);
        Interlocked.Exchange(ref unauthorized, 0);
        Interlocked.Exchange(ref rateLimited, 0);
        Interlocked.Exchange(ref serverErrors, 0);
        Interlocked.Exchange(ref hung, 0);
        Interlocked.Exchange(ref lostResponses, 0);
        Interlocked.Exchange(ref requestsBeforeRetryAfter, 0);
        Interlocked.Exchange(ref lookAlikesCreated, 0);
        Interlocked.Exchange(ref rerunsCreated, 0);
        Interlocked.Exchange(ref uploadSessionsCreated, 0);
        Interlocked.Exchange(ref filesCreated, 0);
        Interlocked.Exchange(ref webhookEvents, 0);
        Interlocked.Exchange(ref webhookAttempts, 0);
        Interlocked.Exchange(ref webhookDelivered, 0);
        Interlocked.Exchange(ref webhookLost, 0);
    }

    private static int IndexOf(string endpointName)
    {
        for (var i = 0; i < EndpointNames.All.Count; i++)
        {
            if (string.Equals(EndpointNames.All[i], endpointName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

namespace Eigenpal.Reconciliation;

/// <summary>
/// Where, on the API's clock, an attempt's run can have been created: from when its request left
/// (minus the clock's uncertainty) to its deadline (plus it). Searching only here keeps a
/// reconciliation's cost independent of how long the batch has been running.
/// </summary>
/// <param name="From">The earliest possible <c>createdAt</c>.</param>
/// <param name="To">The latest possible <c>createdAt</c>.</param>
public readonly record struct ReconcileWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Whether <paramref name="createdAt"/> lies in the window (bounds included).</summary>
    public bool Contains(DateTimeOffset createdAt) => createdAt >= From && createdAt <= To;

    /// <summary>
    /// The window of a request leaving now (local clock <paramref name="leftAt"/>) with a timeout of
    /// <paramref name="timeout"/>, given the measured offset of the API's clock (or none yet, in which
    /// case <paramref name="unmeasuredSkew"/> stands for it) and a margin for the API's own clocks.
    /// </summary>
    public static ReconcileWindow ForRequest(DateTimeOffset leftAt, TimeSpan timeout, Api.ClockOffset? offset, TimeSpan margin, TimeSpan unmeasuredSkew)
    {
        var (low, high) = offset is { } o ? (o.Low, o.High) : (-unmeasuredSkew, unmeasuredSkew);
        return new ReconcileWindow(leftAt + low - margin, leftAt + timeout + high + margin);
    }
}

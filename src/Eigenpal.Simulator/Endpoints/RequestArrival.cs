namespace Eigenpal.Simulator.Endpoints;

/// <summary>
/// When a request reached the simulator: stamped first in the pipeline, before its body is read,
/// so that a large upload read slowly is judged by when it arrived, not by when its filters ran.
/// </summary>
internal static class RequestArrival
{
    private static readonly object Key = new();

    public static void Stamp(HttpContext context, TimeProvider time) => context.Items[Key] = time.GetUtcNow();

    /// <summary>The stamped arrival, or <paramref name="fallback"/> for a host that skipped the stamp.</summary>
    public static DateTimeOffset Of(HttpContext context, DateTimeOffset fallback) =>
        context.Items.TryGetValue(Key, out var value) && value is DateTimeOffset at ? at : fallback;
}

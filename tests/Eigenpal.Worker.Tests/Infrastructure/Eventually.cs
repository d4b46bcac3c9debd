namespace Eigenpal.Worker.Tests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping and hoping: polls it until true or a deadline passes.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<Task<string>>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = default!;
        do
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (System.Data.Common.DbException)
            {
                // The database may be restarting under the test on purpose; ask again.
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {last}{(diagnostics is null ? "" : "\n" + await diagnostics())}");
    }
}

namespace Eigenpal.Simulator.Tests.Infrastructure;

/// <summary>Awaits a condition by polling until a deadline, instead of sleeping and hoping.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what ?? "condition"}; last value {value}");
            }

            await Task.Delay(20);
        }
    }
}

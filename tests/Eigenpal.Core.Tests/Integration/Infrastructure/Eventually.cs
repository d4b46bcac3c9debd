namespace Eigenpal.Core.Tests.Integration.Infrastructure;

/// <summary>Awaits a condition by probing until a deadline, instead of sleeping and hoping.</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? within = null)
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
                throw new TimeoutException($"Condition not met in time: {what}; last value {value}");
            }

            await Task.Delay(10);
        }
    }
}

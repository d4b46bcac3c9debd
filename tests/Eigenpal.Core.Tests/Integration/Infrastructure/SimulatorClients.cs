using Eigenpal.Api;
using Eigenpal.Simulator;

namespace Eigenpal.Core.Tests.Integration.Infrastructure;

/// <summary>Clients pointed at a running simulator, over real HTTP, through the public constructor.</summary>
internal static class SimulatorClients
{
    /// <summary>A key no real deployment uses, so a test can search error text for it.</summary>
    public const string SecretKey = "eig_live_SIMSECRET_c0ffee_5f1e2d3c4b5a";

    /// <summary>Short waits so that retries and timeouts cost milliseconds, not seconds.</summary>
    public static EigenpalClient Create(SimulatorHost sim, Action<EigenpalClientOptions>? tweak = null) =>
        Create(sim.BaseUrl.ToString(), sim.ApiKey, tweak);

    public static EigenpalClient Create(string baseUrl, string apiKey, Action<EigenpalClientOptions>? tweak = null)
    {
        var options = new EigenpalClientOptions
        {
            ApiKey = apiKey,
            BaseUrl = baseUrl,
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        tweak?.Invoke(options);
        return new EigenpalClient(options);
    }

    /// <summary>Asserts that neither the exception nor anything it wraps mentions one of the keys.</summary>
    public static void AssertNoKeyIn(Exception exception, params string[] keys)
    {
        var text = exception.ToString();
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
    }
}

using Eigenpal.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace Eigenpal.Core.Tests.Api;

internal static class TestClients
{
    public const string ApiKey = "eig_live_TOPSECRET_1234567890";

    public static EigenpalClientOptions Options(string baseUrl, Action<EigenpalClientOptions>? tweak = null)
    {
        var options = new EigenpalClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = baseUrl,
            Timeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        tweak?.Invoke(options);
        return options;
    }

    public static EigenpalClient Create(FakeApi api, Action<EigenpalClientOptions>? tweak = null, TimeProvider? time = null) =>
        new(Options(api.BaseUrl, tweak), time ?? TimeProvider.System, NullLogger.Instance);
}

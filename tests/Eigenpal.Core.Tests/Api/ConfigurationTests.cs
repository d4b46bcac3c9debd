using Eigenpal.Api;
using Eigenpal.Api.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eigenpal.Core.Tests.Api;

public sealed class ConfigurationTests
{
    private static Func<string, string?> Env(string? key = null, string? url = null) => name => name switch
    {
        "EIGENPAL_API_KEY" => key,
        "EIGENPAL_BASE_URL" => url,
        _ => null,
    };

    [Fact]
    public void Missing_api_key_is_a_clear_configuration_error()
    {
        var error = Assert.Throws<EigenpalConfigurationException>(() => ClientSettings.Resolve(new EigenpalClientOptions(), Env()));
        Assert.Contains("EIGENPAL_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.StatusCode);
    }

    [Fact]
    public void Environment_fills_unset_values_and_options_win()
    {
        var fromEnv = ClientSettings.Resolve(new EigenpalClientOptions { BaseUrl = "" }, Env("env-key", "http://sim:8080/"));
        Assert.Equal("env-key", fromEnv.ApiKey);
        Assert.Equal(new Uri("http://sim:8080"), fromEnv.BaseUrl);

        var explicitValues = ClientSettings.Resolve(new EigenpalClientOptions { ApiKey = "opt-key", BaseUrl = "https://eu.example/prefix/" }, Env("env-key", "http://sim:8080"));
        Assert.Equal("opt-key", explicitValues.ApiKey);
        Assert.Equal("https://eu.example/prefix", explicitValues.BaseUrl.AbsoluteUri.TrimEnd('/'));

        var defaults = ClientSettings.Resolve(new EigenpalClientOptions { ApiKey = "k" }, Env());
        Assert.Equal(new Uri("https://api.eigenpal.com"), defaults.BaseUrl);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://host")]
    [InlineData("/relative")]
    public void Bad_base_url_is_a_configuration_error(string url)
    {
        Assert.Throws<EigenpalConfigurationException>(() => ClientSettings.Resolve(new EigenpalClientOptions { ApiKey = "k", BaseUrl = url }, Env()));
    }

    [Fact]
    public void Out_of_range_options_are_reported_together()
    {
        var error = Assert.Throws<EigenpalConfigurationException>(() =>
            ClientSettings.Resolve(new EigenpalClientOptions { Timeout = TimeSpan.Zero, MaxRetryAttempts = -1 }, Env()));
        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_exposes_the_resolved_base_url()
    {
        using var client = new EigenpalClient(new EigenpalClientOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:1/x/" });
        Assert.Equal("http://127.0.0.1:1/x", client.BaseUrl.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public async Task Dependency_injection_binds_configuration_and_runs_host_handlers_per_attempt()
    {
        await using var api = new FakeApi(
            FakeResponse.Json(503, """{"issues":[],"requestId":"r"}"""),
            FakeResponse.Json(200, """{"data":[],"total":0,"limit":50,"offset":0}"""));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eigenpal:ApiKey"] = "cfg-key",
            ["Eigenpal:BaseUrl"] = api.BaseUrl,
            ["Eigenpal:RetryBaseDelay"] = "00:00:00.001",
        }).Build());
        var counter = new CountingHandler();
        services.AddEigenpalClient(o => o.MaxRetryAttempts = 2).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<EigenpalClient>();
        await client.Workflows.ListAsync();

        Assert.Equal(2, api.Count);
        Assert.Equal(2, counter.Calls);
        Assert.Equal("Bearer cfg-key", api.Requests.First().Headers["Authorization"]);
        Assert.Equal(2, provider.GetRequiredService<IOptions<EigenpalClientOptions>>().Value.MaxRetryAttempts);
    }

    [Fact]
    public async Task Dependency_injection_validates_options()
    {
        var services = new ServiceCollection();
        services.AddEigenpalClient(o =>
        {
            o.ApiKey = "k";
            o.BaseUrl = "ftp://nowhere";
        });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EigenpalClientOptions>>().Value);
        Assert.Contains("base URL", error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

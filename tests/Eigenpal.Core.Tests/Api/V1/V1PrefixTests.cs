using Eigenpal.Api;
using Eigenpal.Api.V1;

namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>The v1 prefix: <c>/v1</c> by default, <c>/api/v1</c> by option, another at run time through <see cref="EigenpalClient.WithV1Prefix"/>.</summary>
public sealed class V1PrefixTests
{
    [Fact]
    public async Task Prefix_option_moves_every_v1_route_and_keeps_the_base_url_path()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.AuthCheck));
        using var client = new EigenpalClient(TestClients.Options(api.BaseUrl + "/tenant-a/", o => o.V1Prefix = "/api/v1"));

        await client.Auth.CheckAsync();

        Assert.Equal("/tenant-a/api/v1/auth/check", Assert.Single(api.Requests).RawUrl);
        Assert.Equal("/api/v1", client.V1Prefix);
    }

    [Fact]
    public async Task With_v1_prefix_gives_a_view_on_the_same_transport_and_clock()
    {
        await using var api = new FakeApi(new FakeResponse(200, V1Bodies.AuthCheck) { Headers = { ["Date"] = "Tue, 01 Dec 2026 23:00:00 GMT" } });
        using var client = TestClients.Create(api);

        var other = client.WithV1Prefix("/api/v1");
        await other.Auth.CheckAsync();
        await client.Auth.CheckAsync();
        other.Dispose();
        await client.Runs.ListAsync().ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Same(client, client.WithV1Prefix("/v1"));
        Assert.Same(client.Clock, other.Clock);
        Assert.Same(client.Workflows, other.Workflows);
        Assert.NotNull(client.Clock.Offset);
        Assert.Equal(["/api/v1/auth/check", "/v1/auth/check", "/v1/runs"], api.Requests.Select(r => r.RawUrl));
        Assert.Equal("EigenpalClient { BaseUrl = " + client.BaseUrl + ", V1Prefix = /api/v1 }", other.ToString());
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("/v1/")]
    [InlineData("/")]
    [InlineData("/v1?x=1")]
    [InlineData("//v1")]
    public void Malformed_prefixes_are_refused_in_options_and_at_run_time(string prefix)
    {
        var error = Assert.Throws<EigenpalConfigurationException>(() => new EigenpalClient(TestClients.Options("http://127.0.0.1:1", o => o.V1Prefix = prefix)));
        Assert.Contains("v1 prefix", error.Message, StringComparison.Ordinal);

        using var client = new EigenpalClient(TestClients.Options("http://127.0.0.1:1"));
        Assert.Throws<ArgumentException>(() => client.WithV1Prefix(prefix));
    }

    [Fact]
    public async Task An_empty_prefix_option_counts_as_unset_but_an_empty_run_time_prefix_is_refused()
    {
        await using var api = new FakeApi(FakeResponse.Json(200, V1Bodies.AuthCheck));
        using var client = new EigenpalClient(TestClients.Options(api.BaseUrl, o => o.V1Prefix = " "));

        await client.Auth.CheckAsync();

        Assert.Equal("/v1/auth/check", Assert.Single(api.Requests).RawUrl);
        Assert.Throws<ArgumentException>(() => client.WithV1Prefix(""));
    }

    [Fact]
    public void Options_describe_the_prefix_without_the_key()
    {
        var options = TestClients.Options("http://127.0.0.1:1", o => o.V1Prefix = "/api/v1");
        Assert.Contains("V1Prefix = /api/v1", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, options.ToString(), StringComparison.Ordinal);
        Assert.Equal("/v1", new EigenpalClientOptions().V1Prefix);
    }
}

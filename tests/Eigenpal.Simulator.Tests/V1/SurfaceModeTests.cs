using System.Net;
using System.Text;
using Eigenpal.Simulator.Tests.Infrastructure;
using Eigenpal.Simulator.V1.Modes;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>Which surfaces and prefixes answer, switched at start and at run time; a hidden route is a JSON 404 like an unknown one.</summary>
public sealed class SurfaceModeTests
{
    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path) => (await http.GetAsync(path)).StatusCode;

    [Theory]
    [InlineData(SurfacesMode.Both, V1PrefixMode.Both, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(SurfacesMode.LegacyOnly, V1PrefixMode.Both, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData(SurfacesMode.V1Only, V1PrefixMode.Both, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(SurfacesMode.Both, V1PrefixMode.V1, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound)]
    [InlineData(SurfacesMode.V1Only, V1PrefixMode.ApiV1, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK)]
    public async Task Each_surface_and_prefix_answers_as_the_modes_say(SurfacesMode surfaces, V1PrefixMode prefix, HttpStatusCode legacy, HttpStatusCode v1, HttpStatusCode apiV1)
    {
        await using var host = await V1Fixture.StartAsync(o => { o.Modes.Surfaces = surfaces; o.Modes.V1Prefix = prefix; });
        using var http = Api.Create(host);
        Assert.Equal(legacy, await StatusAsync(http, "api/v1/workflows"));
        Assert.Equal(v1, await StatusAsync(http, "v1/auth/check"));
        Assert.Equal(apiV1, await StatusAsync(http, "api/v1/auth/check"));

        var hidden = await http.GetAsync(v1 == HttpStatusCode.NotFound ? "v1/runs" : legacy == HttpStatusCode.NotFound ? "api/v1/workflows/classify-text/executions" : "v1/nothing");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/json; charset=utf-8", hidden.Content.Headers.ContentType?.ToString());
        V1Api.AssertEnvelope(hidden, await BodyAsync(hidden), 404, "<root>", "not_found");
    }

    [Fact]
    public async Task A_hidden_surface_is_not_counted_or_authenticated_and_can_be_switched_back_at_run_time()
    {
        await using var host = await V1Fixture.StartAsync();
        using var admin = new HttpClient { BaseAddress = host.BaseUrl };
        var put = await admin.PutAsync("_sim/modes", new StringContent("""{"surfaces":"LegacyOnly"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(admin, "v1/runs"));
        Assert.Equal(0, host.GetCounters().RequestsTo(Simulator.V1.V1EndpointNames.ListRuns));
        Assert.Equal(0, host.GetCounters().Unauthorized);

        var modes = host.Modes;
        modes.Surfaces = SurfacesMode.Both;
        host.SetModes(modes);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(admin, "v1/runs"));
    }
}

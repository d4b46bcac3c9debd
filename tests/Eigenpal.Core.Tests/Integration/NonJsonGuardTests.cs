using Eigenpal.Api;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Eigenpal.Core.Tests.Integration;

/// <summary>
/// A base URL that points at an ordinary web server (here a tiny Kestrel app that answers HTML,
/// 200 on <c>/ok</c> paths and 404 elsewhere) gives a clear error instead of a decoding failure.
/// </summary>
public sealed class NonJsonGuardTests : IAsyncLifetime
{
    private WebApplication _web = null!;
    private string _baseUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _web = builder.Build();
        _web.Run(context =>
        {
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/ok") ? 200 : 404;
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync("<html><body>Welcome to our marketing site</body></html>");
        });
        await _web.StartAsync();
        _baseUrl = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _web.DisposeAsync();

    [Fact]
    public async Task Html_success_is_reported_as_a_wrong_base_url()
    {
        using var client = SimulatorClients.Create(_baseUrl + "/ok", SimulatorClients.SecretKey);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Workflows.ListAsync());

        Assert.Equal(typeof(EigenpalException), error.GetType());
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("EIGENPAL_BASE_URL", error.Message, StringComparison.Ordinal);
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey);
    }

    [Fact]
    public async Task Html_not_found_is_the_same_clear_error_not_a_missing_resource()
    {
        using var client = SimulatorClients.Create(_baseUrl, SimulatorClients.SecretKey);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Workflows.Executions.GetAsync("exec_1"));

        Assert.Equal(typeof(EigenpalException), error.GetType());
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("does not point at the Eigenpal API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_success_to_a_run_leaves_its_outcome_unknown()
    {
        using var client = SimulatorClients.Create(_baseUrl + "/ok", SimulatorClients.SecretKey);

        var error = await Assert.ThrowsAsync<EigenpalOutcomeUnknownException>(() =>
            client.Workflows.RunAsync("classify-text", new RunRequest { Input = new Dictionary<string, object?> { ["text"] = "x" } }));

        Assert.Contains("not JSON", error.InnerException?.Message, StringComparison.Ordinal);
    }
}

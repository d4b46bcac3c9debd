using System.Text;
using Eigenpal.Api;
using Eigenpal.Api.V1;
using Eigenpal.Core.Tests.Integration.Infrastructure;
using Eigenpal.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Eigenpal.Simulator.V1;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Core.Tests.Integration.V1;

/// <summary>
/// File uploads over real HTTP, through both transports the simulator can negotiate, with the caller's idempotency
/// key: a repeated key finds the same file, a lost negotiation answer is retried with the key, and the storage PUT
/// never carries the API key (the simulator's storage refuses a request that does).
/// </summary>
public sealed class V1FilesTests
{
    private static FileUpload Upload(string key, string text = "Invoice No: F-1") =>
        new(Encoding.UTF8.GetBytes(text), "f.txt", "text/plain", key, FileUpload.RunInputPurpose);

    [Theory]
    [InlineData(UploadTransportMode.Multipart)]
    [InlineData(UploadTransportMode.PresignedPut)]
    public async Task Upload_get_and_delete_work_on_either_transport(UploadTransportMode transport)
    {
        await using var sim = await V1Sim.StartAsync(m => m.UploadTransport = transport);
        using var client = SimulatorClients.Create(sim);

        var file = await client.Files.UploadAsync(Upload(Guid.NewGuid().ToString("N")));

        Assert.Equal(("f.txt", "text/plain", 15L, "run-input"), (file.FileName, file.ContentType, file.Size, file.Purpose));
        Assert.NotNull(file.CreatedAt);
        Assert.Equal(file, await client.Files.GetAsync(file.Id));
        Assert.Equal(1, sim.GetCounters().FilesCreated);
        Assert.True(await client.Files.DeleteAsync(file.Id));
        await Assert.ThrowsAsync<EigenpalNotFoundException>(() => client.Files.GetAsync(file.Id));
    }

    [Theory]
    [InlineData(UploadTransportMode.Multipart)]
    [InlineData(UploadTransportMode.PresignedPut)]
    public async Task The_same_key_twice_gives_the_same_file(UploadTransportMode transport)
    {
        await using var sim = await V1Sim.StartAsync(m => m.UploadTransport = transport);
        using var client = SimulatorClients.Create(sim);
        var key = Guid.NewGuid().ToString("N");

        var first = await client.Files.UploadAsync(Upload(key));
        var second = await client.Files.UploadAsync(Upload(key));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal((1L, 1L), (sim.GetCounters().UploadSessionsCreated, sim.GetCounters().FilesCreated));
    }

    [Fact]
    public async Task A_lost_negotiation_answer_is_retried_with_the_same_key_and_makes_one_session()
    {
        await using var sim = await V1Sim.StartAsync(faults: f => { f.LostRunResponseRate = 1; f.Endpoints = [V1EndpointNames.CreateUpload]; });
        using var client = SimulatorClients.Create(sim, o => o.MaxRetryAttempts = 2);
        var key = Guid.NewGuid().ToString("N");

        await Assert.ThrowsAsync<EigenpalTransportException>(() => client.Files.UploadAsync(Upload(key)));
        Assert.Equal((3L, 1L), (sim.GetCounters().RequestsTo(V1EndpointNames.CreateUpload), sim.GetCounters().UploadSessionsCreated));

        sim.SetFaults(new());
        var file = await client.Files.UploadAsync(Upload(key));

        Assert.Equal((1L, 1L), (sim.GetCounters().UploadSessionsCreated, sim.GetCounters().FilesCreated));
        Assert.Equal(file.Id, (await client.Files.GetAsync(file.Id)).Id);
    }

    [Fact]
    public async Task An_expired_storage_url_fails_the_upload_aborts_the_session_and_sends_no_completion()
    {
        // The simulator's clock stands still except when the storage PUT is about to leave: then it jumps past the URL's lifetime.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));
        await using var sim = await SimulatorHost.StartAsync(
            o =>
            {
                FastSimulatorFixture.Configure(o);
                o.Modes.UploadTransport = UploadTransportMode.PresignedPut;
                o.Modes.UploadUrlLifetimeSeconds = 1;
            },
            clock);
        using var storage = new HttpClient(new ClockJumpingHandler(clock, TimeSpan.FromSeconds(2)) { InnerHandler = new SocketsHttpHandler() });
        using var client = new EigenpalClient(
            new EigenpalClientOptions { ApiKey = sim.ApiKey, BaseUrl = sim.BaseUrl.ToString(), RetryBaseDelay = TimeSpan.FromMilliseconds(1) },
            TimeProvider.System,
            NullLogger.Instance,
            storage);

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Files.UploadAsync(Upload(Guid.NewGuid().ToString("N"))));

        Assert.Equal(403, error.StatusCode);
        SimulatorClients.AssertNoKeyIn(error, SimulatorClients.SecretKey, sim.ApiKey);
        var counters = sim.GetCounters();
        Assert.Equal((1L, 1L, 0L), (counters.RequestsTo(V1EndpointNames.StoragePut), counters.RequestsTo(V1EndpointNames.AbortUpload), counters.RequestsTo(V1EndpointNames.CompleteUpload)));
        Assert.Equal(0, counters.FilesCreated);
    }

    [Fact]
    public async Task The_storage_put_carries_no_authorization_which_the_simulators_storage_would_refuse()
    {
        await using var sim = await V1Sim.StartAsync(m => m.UploadTransport = UploadTransportMode.PresignedPut);
        using var client = SimulatorClients.Create(sim);

        await client.Files.UploadAsync(Upload(Guid.NewGuid().ToString("N")));

        var counters = sim.GetCounters();
        Assert.Equal((1L, 1L, 1L), (counters.RequestsTo(V1EndpointNames.StoragePut), counters.RequestsTo(V1EndpointNames.CompleteUpload), counters.FilesCreated));
    }

    [Fact]
    public async Task Keys_ignored_by_the_server_make_a_new_file_per_upload()
    {
        await using var sim = await V1Sim.StartAsync(m => m.UploadIdempotency = UploadIdempotencyMode.NewFile);
        using var client = SimulatorClients.Create(sim);

        var first = await client.Files.UploadAsync(Upload("same"));
        var second = await client.Files.UploadAsync(Upload("same"));

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task The_same_key_for_other_bytes_is_refused_where_the_server_checks()
    {
        await using var sim = await V1Sim.StartAsync(m => m.UploadIdempotency = UploadIdempotencyMode.ConflictOnMismatch);
        using var client = SimulatorClients.Create(sim);
        await client.Files.UploadAsync(Upload("k"));

        var error = await Assert.ThrowsAsync<EigenpalException>(() => client.Files.UploadAsync(Upload("k", "other, longer bytes")));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal("idempotency_key_mismatch", Assert.Single(error.Envelope!.Issues).Code);
    }

    [Fact]
    public async Task Upload_over_the_other_prefix_negotiates_its_own_url()
    {
        await using var sim = await V1Sim.StartAsync(m => m.V1Prefix = V1PrefixMode.ApiV1);
        using var client = SimulatorClients.Create(sim, o => o.V1Prefix = "/api/v1");

        var file = await client.Files.UploadAsync(Upload(Guid.NewGuid().ToString("N")));

        Assert.Equal(1, sim.GetCounters().RequestsTo(V1EndpointNames.CreateFile));
        Assert.Equal(file.Id, (await client.Files.GetAsync(file.Id)).Id);
    }

    /// <summary>Moves the simulator's clock forward just before a request leaves.</summary>
    private sealed class ClockJumpingHandler(FakeTimeProvider clock, TimeSpan jump) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            clock.Advance(jump);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

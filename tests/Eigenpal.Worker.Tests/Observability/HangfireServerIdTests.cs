using Eigenpal.Worker.Observability.Readiness;

namespace Eigenpal.Worker.Tests.Observability;

/// <summary>The readiness check finds this process's own Hangfire servers, and only those, among every worker's.</summary>
public sealed class HangfireServerIdTests
{
    private const string Guid = "0f8fad5b-d9cb-469f-a165-70867728950e";

    [Theory]
    [InlineData("vm:4242:4242:" + Guid, "vm:4242", true)]
    [InlineData("vm:4242:" + Guid, "vm:4242", true)]
    [InlineData("vm:4242:poll:4242:" + Guid, "vm:4242:poll", true)]
    [InlineData("VM:4242:4242:" + Guid, "vm:4242", true)]
    [InlineData("vm:4242:poll:4242:" + Guid, "vm:4242", false)]
    [InlineData("vm:42420:42420:" + Guid, "vm:4242", false)]
    [InlineData("other:4242:4242:" + Guid, "vm:4242", false)]
    [InlineData("vm:4242:4242:not-a-guid", "vm:4242", false)]
    public void A_server_id_belongs_to_the_process_whose_name_it_starts_with(string serverId, string serverName, bool expected) =>
        Assert.Equal(expected, HangfireServerHealthCheck.IsServerOf(serverId, serverName));
}

using System.Globalization;
using System.Net;
using System.Text;
using Eigenpal.Simulator.Options;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>A reset clears what v1 keeps beside the executions, and the v1 surface reports and reads times on the API's clock.</summary>
public sealed class V1ResetAndClockTests
{
    [Fact]
    public async Task A_reset_forgets_runs_their_records_files_and_upload_keys()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var file = await api.UploadAsync(Encoding.UTF8.GetBytes("hello"), "a.txt", "reset-key");
        var run = await api.StartTextAsync("before reset", """{"k":"v"}""");
        host.Reset();

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"files/{file["id"]}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"runs/{run}")).Response.StatusCode);
        Assert.Empty((await api.ListAllAsync()).Runs);
        var again = await api.UploadAsync(Encoding.UTF8.GetBytes("hello"), "a.txt", "reset-key");
        Assert.NotEqual(file["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal((1, 1), (host.GetCounters().UploadSessionsCreated, host.GetCounters().FilesCreated));
    }

    [Fact]
    public async Task Timestamps_and_time_filters_follow_the_clock_offset()
    {
        await using var host = await V1Fixture.StartAsync(o => o.Modes.ClockOffsetSeconds = 3600);
        using var api = new V1Api(host);
        var id = await api.StartTextAsync("an hour ahead");
        var createdAt = DateTimeOffset.Parse((await api.RunAsync(id))["timing"]!["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(createdAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var inHalfAnHour = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(30).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Assert.Single((await api.ListAllAsync($"createdAfter={inHalfAnHour}")).Runs);
    }
}

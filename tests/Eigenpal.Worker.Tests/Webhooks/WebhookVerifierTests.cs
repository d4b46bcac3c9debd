using System.Text;
using Eigenpal.Worker.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Eigenpal.Worker.Tests.Webhooks;

/// <summary>
/// The verifier in process, against signatures made by hand (<see cref="SignedDelivery.Sign"/>). The clock
/// is injected for the configured tolerance; the library's own ±5 min check reads the system clock.
/// </summary>
public sealed class WebhookVerifierTests
{
    private const string Body = """{"id":"whev_1","type":"run.status_changed","data":{"run":{"id":"exec_1"}}}""";
    private static readonly string Secret = SignedDelivery.NewSecret();

    [Fact]
    public void A_signature_made_by_the_scheme_verifies()
    {
        var (verifier, now) = Verifier(TimeSpan.FromMinutes(5));
        var verdict = verifier.Verify(Body, Headers("whev_1", now, SignedDelivery.Sign(Secret, "whev_1", now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body))));
        Assert.True(verdict.Verified, verdict.Reason);
        Assert.Equal("whev_1", verdict.EventId);
    }

    [Fact]
    public void Any_of_several_signatures_may_match()
    {
        var (verifier, now) = Verifier(TimeSpan.FromMinutes(5));
        var good = SignedDelivery.Sign(Secret, "whev_1", now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body));
        var other = SignedDelivery.Sign(SignedDelivery.NewSecret(), "whev_1", now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body));
        Assert.True(verifier.Verify(Body, Headers("whev_1", now, $"{other} {good}")).Verified);
        Assert.False(verifier.Verify(Body, Headers("whev_1", now, other)).Verified);
    }

    [Fact]
    public void The_id_and_timestamp_are_part_of_what_is_signed()
    {
        var (verifier, now) = Verifier(TimeSpan.FromMinutes(5));
        var signature = SignedDelivery.Sign(Secret, "whev_1", now.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body));
        Assert.Equal(401, verifier.Verify(Body, Headers("whev_2", now, signature)).RefusalStatus);
        Assert.Equal(401, verifier.Verify(Body, Headers("whev_1", now.AddSeconds(1), signature)).RefusalStatus);
    }

    [Fact]
    public void The_configured_tolerance_is_read_on_the_injected_clock()
    {
        var (verifier, now) = Verifier(TimeSpan.FromSeconds(30));
        var sent = now.AddSeconds(-31);
        var verdict = verifier.Verify(Body, Headers("whev_1", sent, SignedDelivery.Sign(Secret, "whev_1", sent.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body))));
        Assert.Equal(401, verdict.RefusalStatus);
        Assert.Contains("tolerance of 30 s", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "1700000000", "v1,x")]
    [InlineData("whev_1", "", "v1,x")]
    [InlineData("whev_1", "1700000000", "")]
    [InlineData("whev_1", "soon", "v1,x")]
    public void Missing_or_malformed_headers_are_a_bad_request(string id, string timestamp, string signature)
    {
        var (verifier, _) = Verifier(TimeSpan.FromMinutes(5));
        var headers = new HeaderDictionary { ["webhook-id"] = id, ["webhook-timestamp"] = timestamp, ["webhook-signature"] = signature };
        Assert.Equal(400, verifier.Verify(Body, headers).RefusalStatus);
    }

    private static (WebhookVerifier Verifier, DateTimeOffset Now) Verifier(TimeSpan tolerance)
    {
        // Whole seconds, as the header carries them; the system clock's now, as the library checks that too.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var options = Options.Create(new WebhookOptions { Secret = Secret, Tolerance = tolerance });
        return (new WebhookVerifier(options, new FakeTimeProvider(now)), now);
    }

    private static HeaderDictionary Headers(string id, DateTimeOffset at, string signature) => new()
    {
        ["webhook-id"] = id, ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ["webhook-signature"] = signature,
    };
}

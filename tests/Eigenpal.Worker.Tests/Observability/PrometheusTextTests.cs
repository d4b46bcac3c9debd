namespace Eigenpal.Worker.Tests.Observability;

/// <summary>The test's Prometheus parser refuses what Prometheus would refuse, so a passing scrape means something.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void Well_formed_text_parses_with_labels_escapes_and_special_values()
    {
        var samples = PrometheusText.Parse("""
            # HELP requests_total Requests.
            # TYPE requests_total counter
            requests_total{route="/a\"b",code="200"} 3 1700000000000
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="+Inf"} 5
            latency_seconds_sum 1.5e-3
            latency_seconds_count 5
            # TYPE up gauge
            up NaN
            # EOF
            """);

        Assert.Equal(5, samples.Count);
        Assert.Equal("/a\"b", samples[0].Label("route"));
        Assert.Equal(0.0015, samples[2].Value);
    }

    [Theory]
    [InlineData("# TYPE x counter\nx{a=\"1\"}")]
    [InlineData("# TYPE x counter\nx{a=1} 1")]
    [InlineData("# TYPE x counter\nx 1 2 3")]
    [InlineData("# TYPE x counter\n1x 1")]
    [InlineData("y 1")]
    [InlineData("# TYPE x bogus\nx 1")]
    public void Malformed_text_fails_the_parse(string text) =>
        Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
}

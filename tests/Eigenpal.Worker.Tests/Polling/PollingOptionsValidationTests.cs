using Eigenpal.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Eigenpal.Worker.Tests.Polling;

public sealed class PollingOptionsValidationTests
{
    private static IOptions<PollingOptions> Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Eigenpal:Polling:" + s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddEigenpalTracking(configuration).BuildServiceProvider().GetRequiredService<IOptions<PollingOptions>>();
    }

    [Fact]
    public void The_defaults_are_valid_and_404s_end_after_ten_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Bind().Value.NotFoundTimeout);
    }

    [Fact]
    public void A_min_interval_above_the_max_interval_is_refused_at_start()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("MinInterval", "00:02:00"), ("MaxInterval", "00:01:00")).Value);

        Assert.Contains("MinInterval (00:02:00) must not exceed MaxInterval (00:01:00)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.500")]
    [InlineData("8.00:00:00")]
    public void A_not_found_timeout_outside_one_second_to_a_week_is_refused(string timeout)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("NotFoundTimeout", timeout)).Value);

        Assert.Contains("NotFoundTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => Bind(("MinInterval", "00:02:00"), ("MaxInterval", "00:01:00"), ("NotFoundTimeout", "00:00:00")).Value);

        Assert.Equal(2, error.Failures.Count());
    }
}

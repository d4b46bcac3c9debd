using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Eigenpal.Api.Http;

/// <summary>
/// The Polly pipeline of every Eigenpal HTTP call: a retry strategy around a per-attempt timeout.
/// Transient failures (5xx, 408, timeouts, connection errors) are retried only for idempotent requests,
/// with exponential backoff and jitter; a connection that could not be opened is retried for any request;
/// 429 is retried for any request (it never created anything) after its Retry-After, when enabled and
/// when the wait is within <see cref="EigenpalClientOptions.MaxRetryAfter"/>. Permanent 4xx are never retried.
/// </summary>
internal sealed class EigenpalResilience
{
    /// <summary>
    /// Added to every Retry-After wait. Timers may fire a little before their due time (the coarse monotonic
    /// clock behind them ticks every few milliseconds), and on a fast link the header's seconds started
    /// counting on the server barely before the client's; without a margin a retry can land just inside
    /// the window the server asked it to stay out of.
    /// </summary>
    internal static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(50);

    private readonly ClientSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public EigenpalResilience(ClientSettings settings, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _logger = logger;
        _time = time;
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(ClientSettings settings, ILogger logger, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        new EigenpalResilience(settings, logger, time).Configure(builder);
        return builder.Build();
    }

    public void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        if (_settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "EigenpalRetry",
                MaxRetryAttempts = _settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome)),
                OnRetry = args =>
                {
                    if (!_logger.IsEnabled(LogLevel.Information))
                    {
                        return ValueTask.CompletedTask;
                    }

                    var request = args.Context.GetRequestMessage();
                    var method = request?.Method.Method ?? "?";
                    var path = request?.RequestUri?.AbsolutePath ?? "?";
                    var reason = Describe(args.Outcome);
                    Log.Retrying(_logger, method, path, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "EigenpalAttemptTimeout",
            Timeout = _settings.Timeout,
            TimeoutGenerator = args =>
            {
                var request = args.Context.GetRequestMessage();
                return ValueTask.FromResult(
                    request is not null && request.Options.TryGetValue(RequestFlags.AttemptTimeout, out var timeout) ? timeout : _settings.Timeout);
            },
        });
    }

    internal bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var idempotent = RequestFlags.IsIdempotent(context.GetRequestMessage());
        if (outcome.Result is { } response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return _settings.RetryRateLimited
                    && (TransientFailures.RetryAfter(response, _time) ?? TimeSpan.Zero) <= _settings.MaxRetryAfter;
            }

            return idempotent && TransientFailures.IsTransientStatus(response.StatusCode);
        }

        return idempotent
            ? TransientFailures.IsTransientException(outcome.Exception)
            : TransientFailures.ProvesNotSent(outcome.Exception);
    }

    /// <summary>The server's Retry-After (plus <see cref="RetryAfterMargin"/>) when it sent one within bounds; otherwise null (exponential backoff).</summary>
    internal TimeSpan? RetryAfterDelay(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
        && TransientFailures.RetryAfter(response, _time) is { } wait
        && wait <= _settings.MaxRetryAfter
            ? wait + RetryAfterMargin
            : null;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? $"status {(int)response.StatusCode}"
            : outcome.Exception?.GetType().Name ?? "unknown";
}

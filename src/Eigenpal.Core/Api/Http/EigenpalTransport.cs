using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Eigenpal.Api.Http;

/// <summary>
/// Sends one API call through the HTTP client (whose handler chain carries the resilience pipeline),
/// adds the auth and SDK headers, and turns every failure into an <see cref="EigenpalException"/>.
/// </summary>
internal sealed class EigenpalTransport
{
    private const string RequestIdHeader = "x-request-id";
    private static readonly Dictionary<string, string> EmptyHeaders = [];
    private readonly HttpClient _http;
    private readonly ClientSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public EigenpalTransport(HttpClient http, ClientSettings settings, ILogger logger, TimeProvider time, ApiClock? clock = null)
    {
        _http = http;
        _settings = settings;
        _logger = logger;
        _time = time;
        Clock = clock ?? new ApiClock();
    }

    public TimeProvider Time => _time;

    /// <summary>The base URL every API path is appended to.</summary>
    public Uri BaseUrl => _settings.BaseUrl;

    /// <summary>The timeout of one request attempt, also used for calls outside the pipeline (the storage PUT).</summary>
    public TimeSpan Timeout => _settings.Timeout;

    /// <summary>The API's clock as learnt from the Date header of every answer.</summary>
    public ApiClock Clock { get; }

    /// <summary>The timeout of one attempt of <paramref name="request"/>: after it, the request is certainly over on this side.</summary>
    public TimeSpan AttemptTimeout(ApiRequest request) =>
        _settings.Timeout + TimeSpan.FromSeconds(request.WaitForCompletionSeconds ?? 0);

    public async Task<T> SendAsync<T>(ApiRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var (status, body, requestId, sentAt) = await SendForBodyAsync(request, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new JsonException("The response body was JSON null.");
        }
        catch (JsonException ex)
        {
            var error = new EigenpalException(
                $"could not decode the answer to {request.Method} {request.Path} ({status}): {ex.Message}", status, requestId, null, ex);
            throw OutcomeUnknownIfRun(request, sentAt, error);
        }
    }

    /// <summary>
    /// Sends the call and decodes a 2xx answer with <paramref name="decode"/>. A decoding failure (a
    /// <see cref="JsonException"/>) becomes an <see cref="EigenpalException"/> with the status, or, for a
    /// request that creates a run, an <see cref="EigenpalOutcomeUnknownException"/>: a run may exist.
    /// </summary>
    public async Task<T> SendAsync<T>(ApiRequest request, Func<int, byte[], T> decode, CancellationToken cancellationToken)
    {
        var (status, body, requestId, sentAt) = await SendForBodyAsync(request, cancellationToken);
        try
        {
            return decode(status, body);
        }
        catch (JsonException ex)
        {
            var error = new EigenpalException(
                $"could not decode the answer to {request.Method} {request.Path} ({status}): {ex.Message}", status, requestId, null, ex);
            throw OutcomeUnknownIfRun(request, sentAt, error);
        }
    }

    /// <summary>Sends the call and returns the body of a 2xx JSON answer; throws the mapped error otherwise.</summary>
    public async Task<(int Status, byte[] Body, string? RequestId, DateTimeOffset SentAt)> SendForBodyAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        HttpRequestMessage message;
        try
        {
            message = await CreateMessageAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing left this process: the body could not be built.
            throw new EigenpalNotSentException($"{request.Method} {request.Path} was not sent: its body could not be encoded ({ex.Message})", ex);
        }

        using var _ = message;
        var sentAt = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (EigenpalNotSentException)
        {
            // A handler refused before sending (the shared rate limiter could not be reached).
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutRejectedException)
        {
            var timedOut = ex is not HttpRequestException;
            var reason = timedOut ? $"no answer within {AttemptTimeout(request).TotalSeconds:0.###} s" : ex.Message;
            Log.TransportFailed(_logger, request.Method.Method, request.Path, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reason);
            var error = new EigenpalTransportException(
                $"{request.Method} {request.Path} to {_settings.BaseUrl.Host} got no answer: {reason}", ex, timedOut);
            if (request.CreatesRun && !TransientFailures.ProvesNotSent(ex))
            {
                throw OutcomeUnknownIfRun(request, sentAt, error);
            }

            throw error;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            // A cached answer's Date is older by its Age.
            if (response.Headers.Date is { } serverDate)
            {
                Clock.Observe(sentAt, _time.GetUtcNow(), serverDate + (response.Headers.Age ?? TimeSpan.Zero));
            }

            var headerRequestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            if (response.IsSuccessStatusCode)
            {
                if (response.StatusCode != HttpStatusCode.NoContent && !IsJsonContentType(response))
                {
                    var notJson = NotJson(request, response, headerRequestId);
                    Log.RequestFailed(_logger, request.Method.Method, request.Path, status, elapsed, headerRequestId, notJson.Message);
                    throw OutcomeUnknownIfRun(request, sentAt, notJson);
                }

                Log.RequestCompleted(_logger, request.Method.Method, request.Path, status, elapsed, headerRequestId);
                return (status, body, headerRequestId, sentAt);
            }

            var error = MapError(request, response, body, headerRequestId);
            Log.RequestFailed(_logger, request.Method.Method, request.Path, status, elapsed, error.RequestId, error.Message);
            if (response.StatusCode == HttpStatusCode.RequestTimeout || status >= 500)
            {
                throw OutcomeUnknownIfRun(request, sentAt, error);
            }

            throw error;
        }
    }

    private EigenpalException MapError(ApiRequest request, HttpResponseMessage response, byte[] body, string? headerRequestId)
    {
        var status = (int)response.StatusCode;
        var json = IsJsonContentType(response);

        // A 429 or 5xx is about the infrastructure: keep its kind (and Retry-After) even when a proxy sent HTML.
        // Other answers that are not JSON mean the base URL probably points somewhere else.
        if (!json && status != 429 && status < 500)
        {
            return NotJson(request, response, headerRequestId);
        }

        var envelope = json ? ErrorMapper.ParseEnvelope(body) : null;
        return ErrorMapper.Map(response.StatusCode, envelope, headerRequestId, TransientFailures.RetryAfter(response, _time), _settings.ApiKey);
    }

    private EigenpalException NotJson(ApiRequest request, HttpResponseMessage response, string? requestId) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"{request.Method} {request.Path} answered {(int)response.StatusCode} with content type '{response.Content.Headers.ContentType}', not JSON: the base URL {_settings.BaseUrl} probably does not point at the Eigenpal API (check EIGENPAL_BASE_URL)"),
        (int)response.StatusCode,
        requestId);

    private Exception OutcomeUnknownIfRun(ApiRequest request, DateTimeOffset sentAt, EigenpalException error)
    {
        if (request.RerunOfRunId is { } sourceRunId)
        {
            Log.RerunOutcomeUnknown(_logger, sourceRunId, sentAt, error.Message);
            return EigenpalOutcomeUnknownException.ForRerun(sourceRunId, sentAt, error);
        }

        if (request.RunWorkflowId is not { } workflowId)
        {
            return error;
        }

        Log.RunOutcomeUnknown(_logger, workflowId, sentAt, error.Message);
        return new EigenpalOutcomeUnknownException(workflowId, sentAt, error);
    }

    private async Task<HttpRequestMessage> CreateMessageAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var uri = request.AbsoluteUrl
            ?? new Uri(_settings.BaseUrl.AbsoluteUri.TrimEnd('/') + request.Path + (string.IsNullOrEmpty(request.Query) ? string.Empty : "?" + request.Query));
        var message = new HttpRequestMessage(request.Method, uri);
        Telemetry.ApiRouteTemplate.Enrich(message);
        try
        {
            var headers = message.Headers;
            headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.ApiKey);
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            headers.TryAddWithoutValidation("User-Agent", SdkTelemetry.UserAgent);
            headers.TryAddWithoutValidation("X-Eigenpal-Sdk", SdkTelemetry.Language);
            headers.TryAddWithoutValidation("X-Eigenpal-Sdk-Version", SdkTelemetry.Version);
            headers.TryAddWithoutValidation("X-Eigenpal-Sdk-Runtime", SdkTelemetry.Runtime);
            headers.TryAddWithoutValidation("X-Eigenpal-Sdk-Os", SdkTelemetry.Os);
            foreach (var (name, value) in request.Headers ?? EmptyHeaders)
            {
                headers.TryAddWithoutValidation(name, value);
            }

            message.Options.Set(RequestFlags.Idempotent, request.Idempotent);
            message.Options.Set(RequestFlags.AttemptTimeout, AttemptTimeout(request));
            if (request.Content is { } content)
            {
                message.Content = await content(cancellationToken);
            }

            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static bool IsJsonContentType(HttpResponseMessage response)
    {
        if (!response.Content.Headers.TryGetValues("Content-Type", out var values))
        {
            return true;
        }

        var contentType = string.Join(",", values);
        return string.IsNullOrWhiteSpace(contentType)
            || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("octet-stream", StringComparison.OrdinalIgnoreCase);
    }
}

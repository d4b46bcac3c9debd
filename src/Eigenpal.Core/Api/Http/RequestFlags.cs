namespace Eigenpal.Api.Http;

/// <summary>Per-request facts the resilience pipeline reads from <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class RequestFlags
{
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Eigenpal.Idempotent");

    public static readonly HttpRequestOptionsKey<TimeSpan> AttemptTimeout = new("Eigenpal.AttemptTimeout");

    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is null
        || request.Method == HttpMethod.Get
        || (request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent);
}

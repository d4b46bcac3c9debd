using Eigenpal.Api.Http;
using Eigenpal.Api.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Eigenpal.Api;

/// <summary>
/// The client of the Eigenpal API: the legacy workflows surface (<see cref="Workflows"/>) and the v1 surface
/// (<see cref="Runs"/>, <see cref="Files"/>, <see cref="Automations"/>, <see cref="Auth"/>) under
/// <see cref="V1Prefix"/>. Create one per process and share it (it is thread-safe), either
/// with <c>new EigenpalClient(options)</c>, which owns its HTTP connection pool, or through
/// <c>services.AddEigenpalClient()</c>, which registers it as a typed client of <see cref="IHttpClientFactory"/>.
/// Every call goes through the same resilience pipeline (per-attempt timeout, retries of idempotent calls,
/// Retry-After on 429) and reports failures as <see cref="EigenpalException"/> subclasses.
/// </summary>
public sealed class EigenpalClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly EigenpalTransport _transport;

    // The storage PUT's own client, which never carries the API key (see StorageUpload).
    private readonly HttpClient _storage;

    /// <summary>Creates a client that owns and disposes its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Settings; unset values fall back to the environment variables and defaults.</param>
    /// <exception cref="EigenpalConfigurationException">No API key, or a bad base URL or option.</exception>
    public EigenpalClient(EigenpalClientOptions? options = null)
        : this(options, TimeProvider.System, NullLogger.Instance)
    {
    }

    /// <summary>
    /// Creates a client over an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, whose handlers
    /// (set up by <c>AddEigenpalClient</c>) carry the resilience pipeline. The client does not dispose it.
    /// </summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">Settings.</param>
    /// <exception cref="EigenpalConfigurationException">No API key, or a bad base URL or option.</exception>
    public EigenpalClient(HttpClient httpClient, IOptions<EigenpalClientOptions> options)
        : this(httpClient, options, NullLogger<EigenpalClient>.Instance)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, with logging.</summary>
    /// <param name="httpClient">The HTTP client; not disposed by the client.</param>
    /// <param name="options">Settings.</param>
    /// <param name="logger">Receives one event per call (method, path, status, elapsed time, request id), never headers.</param>
    /// <param name="timeProvider">The clock of <see cref="ExecutionsClient.RunAndWaitAsync"/>'s deadline and poll waits; the system clock when omitted.</param>
    /// <param name="apiClock">
    /// What is learnt about the API's clock, shared by every client of the process (a typed client is
    /// created per use, and the measurement must outlive it); a fresh one when omitted.
    /// </param>
    /// <exception cref="EigenpalConfigurationException">No API key, or a bad base URL or option.</exception>
    [ActivatorUtilitiesConstructor]
    public EigenpalClient(HttpClient httpClient, IOptions<EigenpalClientOptions> options, ILogger<EigenpalClient> logger, TimeProvider? timeProvider = null, ApiClock? apiClock = null)
        : this(httpClient, ClientSettings.Resolve(options?.Value), logger, timeProvider ?? TimeProvider.System, ownsHttpClient: false, apiClock)
    {
    }

    /// <summary>
    /// Test hook: a self-owned client whose waits (run-and-wait polling) follow <paramref name="time"/>, and whose
    /// storage PUTs go through <paramref name="storage"/> instead of the process-wide storage client.
    /// </summary>
    internal EigenpalClient(EigenpalClientOptions? options, TimeProvider time, ILogger logger, HttpClient? storage = null)
        : this(ClientSettings.Resolve(options), time, logger, storage)
    {
    }

    private EigenpalClient(ClientSettings settings, TimeProvider time, ILogger logger, HttpClient? storage)
        : this(CreateOwnedHttpClient(settings, logger), settings, logger, time, ownsHttpClient: true, storage: storage)
    {
    }

    private EigenpalClient(HttpClient httpClient, ClientSettings settings, ILogger logger, TimeProvider time, bool ownsHttpClient, ApiClock? apiClock = null, HttpClient? storage = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _ownsHttpClient = ownsHttpClient;
        BaseUrl = settings.BaseUrl;
        RequestTimeout = settings.Timeout;
        _transport = new EigenpalTransport(httpClient, settings, logger ?? NullLogger.Instance, time, apiClock);
        Clock = _transport.Clock;
        Workflows = new WorkflowsClient(_transport);
        V1Prefix = settings.V1Prefix;
        _storage = storage ?? StorageUpload.Shared;
        (Runs, Files, Automations, Auth) = CreateV1(_transport, V1Prefix, _storage);
    }

    /// <summary>A view of <paramref name="source"/> whose v1 clients use <paramref name="v1Prefix"/>; everything else is shared.</summary>
    private EigenpalClient(EigenpalClient source, string v1Prefix)
    {
        _http = source._http;
        _ownsHttpClient = false;
        _transport = source._transport;
        BaseUrl = source.BaseUrl;
        RequestTimeout = source.RequestTimeout;
        Clock = source.Clock;
        Workflows = source.Workflows;
        V1Prefix = v1Prefix;
        _storage = source._storage;
        (Runs, Files, Automations, Auth) = CreateV1(_transport, v1Prefix, _storage);
    }

    /// <summary>The API's clock as learnt from the <c>Date</c> header of every answer this client received.</summary>
    public ApiClock Clock { get; }

    /// <summary>
    /// The timeout of one request attempt (a run with <c>wait_for_completion</c> gets that many seconds
    /// more): once it has passed since a request left, that request is over on this side.
    /// </summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The workflow endpoints, and through <see cref="WorkflowsClient.Executions"/> the execution endpoints.</summary>
    public WorkflowsClient Workflows { get; }

    /// <summary>The resolved base URL (the instance root, without <c>/api</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The path prefix of the v1 surface under <see cref="BaseUrl"/>, <c>/v1</c> or <c>/api/v1</c> (<see cref="EigenpalClientOptions.V1Prefix"/>).</summary>
    public string V1Prefix { get; }

    /// <summary>The v1 runs endpoints (<c>{V1Prefix}/runs</c>): start, get, list, cancel, rerun.</summary>
    public RunsClient Runs { get; }

    /// <summary>The v1 files endpoints (<c>{V1Prefix}/files</c>): idempotent upload, get, delete.</summary>
    public FilesClient Files { get; }

    /// <summary>The v1 automation endpoints (<c>{V1Prefix}/automations</c>): list and get with the input schema.</summary>
    public AutomationsClient Automations { get; }

    /// <summary>The v1 key check (<c>{V1Prefix}/auth/check</c>).</summary>
    public AuthClient Auth { get; }

    /// <summary>
    /// A client whose v1 calls use another path prefix (e.g. <c>/api/v1</c> where this one uses <c>/v1</c>), for
    /// surface detection at run time. It shares this client's HTTP client, resilience pipeline, settings and
    /// <see cref="Clock"/>, and is only usable while this client is: disposing it does nothing, disposing this one
    /// ends both. Cheap to create; the legacy <see cref="Workflows"/> endpoints are the same object.
    /// </summary>
    /// <param name="v1Prefix">The prefix: starts with <c>/</c>, does not end with one.</param>
    /// <returns>This client when the prefix is the same, otherwise a new view.</returns>
    /// <exception cref="ArgumentException">The prefix is malformed.</exception>
    public EigenpalClient WithV1Prefix(string v1Prefix)
    {
        if (ClientSettings.V1PrefixProblem(v1Prefix) is { } problem)
        {
            throw new ArgumentException(problem, nameof(v1Prefix));
        }

        return string.Equals(v1Prefix, V1Prefix, StringComparison.Ordinal) ? this : new EigenpalClient(this, v1Prefix);
    }

    /// <summary>Disposes the HTTP client when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    /// <summary>Describes the client without its API key.</summary>
    public override string ToString() => $"EigenpalClient {{ BaseUrl = {BaseUrl}, V1Prefix = {V1Prefix} }}";

    /// <summary>The handler chain of a self-owned client: resilience pipeline over a pooled socket handler that does not follow redirects.</summary>
    internal static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    private static (RunsClient, FilesClient, AutomationsClient, AuthClient) CreateV1(EigenpalTransport transport, string prefix, HttpClient storage)
    {
        var paths = new V1Paths(prefix);
        return (new RunsClient(transport, paths), new FilesClient(transport, paths, storage), new AutomationsClient(transport, paths), new AuthClient(transport, paths));
    }

    private static HttpClient CreateOwnedHttpClient(ClientSettings settings, ILogger logger)
    {
        var pipeline = EigenpalResilience.Build(settings, logger, TimeProvider.System);
#pragma warning disable CA2000 // The handler chain is owned and disposed by the HttpClient (disposeHandler: true).
        var handler = new ResilienceHandler(pipeline) { InnerHandler = CreatePrimaryHandler() };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}

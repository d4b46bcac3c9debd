namespace Eigenpal.Simulator.V1;

/// <summary>
/// The names of the v1 endpoints, after the service's OpenAPI operation ids. One name covers a
/// route under both prefixes (<c>/v1</c> and <c>/api/v1</c>), so counters and fault scopes do not
/// depend on the prefix a client chose.
/// </summary>
public static class V1EndpointNames
{
    /// <summary><c>POST {prefix}/runs</c></summary>
    public const string StartRun = "runs.start";

    /// <summary><c>GET {prefix}/runs/{id}</c></summary>
    public const string GetRun = "runs.get";

    /// <summary><c>GET {prefix}/runs</c></summary>
    public const string ListRuns = "runs.list";

    /// <summary><c>POST {prefix}/runs/{id}/cancel</c></summary>
    public const string CancelRun = "runs.cancel";

    /// <summary><c>POST {prefix}/runs/{id}/rerun</c></summary>
    public const string RerunRun = "runs.rerun";

    /// <summary><c>POST {prefix}/files/uploads</c></summary>
    public const string CreateUpload = "files.uploads.create";

    /// <summary><c>POST {prefix}/files/uploads/{uploadId}/complete</c></summary>
    public const string CompleteUpload = "files.uploads.complete";

    /// <summary><c>DELETE {prefix}/files/uploads/{uploadId}</c></summary>
    public const string AbortUpload = "files.uploads.abort";

    /// <summary><c>POST {prefix}/files</c> (multipart)</summary>
    public const string CreateFile = "files.create";

    /// <summary><c>GET {prefix}/files/{id}</c></summary>
    public const string GetFile = "files.get";

    /// <summary><c>DELETE {prefix}/files/{id}</c></summary>
    public const string DeleteFile = "files.delete";

    /// <summary><c>GET {prefix}/files/{id}/content</c></summary>
    public const string GetFileContent = "files.content.get";

    /// <summary><c>GET {prefix}/automations</c></summary>
    public const string ListAutomations = "automations.list";

    /// <summary><c>GET {prefix}/automations/{id}</c></summary>
    public const string GetAutomation = "automations.get";

    /// <summary><c>GET {prefix}/automations/{id}/versions</c></summary>
    public const string ListAutomationVersions = "automations.versions.list";

    /// <summary><c>GET {prefix}/automations/{id}/triggers</c></summary>
    public const string GetAutomationTriggers = "automations.triggers.get";

    /// <summary><c>GET {prefix}/auth/check</c></summary>
    public const string CheckAuth = "auth.check";

    /// <summary><c>PUT /_storage/{uploadId}</c>: the simulator's stand-in for a pre-signed storage URL (not an API route: no auth, no faults).</summary>
    public const string StoragePut = "storage.put";

    /// <summary>Every v1 endpoint name, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        StartRun, GetRun, ListRuns, CancelRun, RerunRun,
        CreateUpload, CompleteUpload, AbortUpload, CreateFile, GetFile, DeleteFile, GetFileContent,
        ListAutomations, GetAutomation, ListAutomationVersions, GetAutomationTriggers, CheckAuth, StoragePut,
    ];
}

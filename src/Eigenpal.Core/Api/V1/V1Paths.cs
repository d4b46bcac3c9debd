using Eigenpal.Api.Http;

namespace Eigenpal.Api.V1;

/// <summary>The v1 routes under one prefix (<c>/v1</c> or <c>/api/v1</c>), with ids percent-encoded as single segments.</summary>
internal sealed class V1Paths(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Runs => Prefix + "/runs";

    public string Run(string runId) => $"{Runs}/{QueryBuilder.Segment(runId)}";

    public string Files => Prefix + "/files";

    public string File(string fileId) => $"{Files}/{QueryBuilder.Segment(fileId)}";

    public string Uploads => Prefix + "/files/uploads";

    public string Upload(string uploadId) => $"{Uploads}/{QueryBuilder.Segment(uploadId)}";

    public string Automations => Prefix + "/automations";

    public string Automation(string idOrAlias) => $"{Automations}/{QueryBuilder.Segment(idOrAlias)}";

    public string AuthCheck => Prefix + "/auth/check";
}

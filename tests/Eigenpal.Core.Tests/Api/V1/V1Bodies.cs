namespace Eigenpal.Core.Tests.Api.V1;

/// <summary>Answers shaped as in the v1 reference (§4–§9), for the fake API to send.</summary>
internal static class V1Bodies
{
    public const string Accepted = """{"id":"run_123","type":"workflow","finished":false}""";

    public const string AcceptedWithSource = """{"id":"run_123","type":"workflow","finished":false,"source":{"id":"wf_1","name":"extract-invoice","version":"1.2.3"}}""";

    public const string CompletedRun = """
        {"id":"run_123","type":"workflow","finished":true,"sampleRank":0.42,
         "timing":{"createdAt":"2026-12-01T23:12:37.123Z","startedAt":"2026-12-01T23:12:38Z","completedAt":"2026-12-01T23:12:40.5+00:00","durationMs":3377,"cancelRequestedAt":null},
         "source":{"id":"wf_1","name":"extract-invoice","version":"1.2.3","versionId":"wfv_9","implementationAvailable":true},
         "trigger":{"type":"api","by":null},
         "execution":{"status":"completed","schemaValid":true,"batchId":null,"retry":{"number":1,"previousRunId":"run_100","nextRun":null},"review":null},
         "output":{"total":42.5},"files":[{"name":"out.json","role":"output","path":"output/out.json","contentType":"application/json","size":17}],"error":null,
         "input":{"args":{"language":"en","document":{"$file":"input/doc.pdf"}},"metadata":{"submission":"s_1","attempt":2}},
         "usage":{"tokens":{"input":1,"output":2,"cacheRead":null,"cacheWrite":null},"creditsCharged":null,"durationMs":3377},
         "debug":{"observability":{"phases":[]},"traceId":"t_1"}}
        """;

    public const string RunningRun = """
        {"id":"run_7","type":"workflow","finished":false,"sampleRank":0.1,
         "timing":{"createdAt":"2026-12-01T23:12:37Z","startedAt":null,"completedAt":null,"durationMs":null,"cancelRequestedAt":null},
         "source":{"id":"wf_1","name":null,"version":null},
         "trigger":{"type":null,"by":null},
         "execution":{"status":"running","schemaValid":null,"batchId":null,"retry":{"number":0,"previousRunId":null,"nextRun":{"id":"run_8","status":"pending"}}}}
        """;

    public static string ListItem(string id, string status = "completed", string createdAt = "2026-12-01T23:00:00.000Z")
    {
        var finished = status is "completed" or "failed" or "cancelled" or "rejected" ? "true" : "false";
        var error = status == "failed" ? "\"boom\"" : "null";
        return $$$"""
            {"id":"{{{id}}}","type":"workflow","finished":{{{finished}}},"sampleRank":0.5,
             "timing":{"createdAt":"{{{createdAt}}}","startedAt":null,"completedAt":null,"durationMs":null,"cancelRequestedAt":null},
             "source":{"id":"wf_1","name":"extract-invoice","version":"1"},"trigger":{"type":"api","by":null},
             "execution":{"status":"{{{status}}}","schemaValid":null,"batchId":null,"retry":{"number":0,"previousRunId":null,"nextRun":null}},
             "error":{{{error}}}}
            """;
    }

    public static string Page(string? nextCursor, params string[] ids) =>
        "{\"runs\":[" + string.Join(",", ids.Select(id => ListItem(id))) + "],\"nextCursor\":" + (nextCursor is null ? "null" : $"\"{nextCursor}\"") + "}";

    public static string Cancel(string state, string was, string status)
    {
        var finished = status == "cancelled" || state == "already_terminal" ? "true" : "false";
        return $$$"""{"id":"run_1","type":"workflow","finished":{{{finished}}},"execution":{"status":"{{{status}}}"},"cancellation":{"state":"{{{state}}}","wasStatus":"{{{was}}}"}}""";
    }

    public const string File = """{"id":"file_123","filename":"input.txt","contentType":"text/plain","size":5,"createdAt":"2026-12-01T23:00:00Z","purpose":null}""";

    public const string Automation = """
        {"id":"wf_1","type":"workflow","slug":"extract-invoice","name":"Extract invoice","createdAt":"2026-01-01T00:00:00Z",
         "description":null,"status":"active","version":"1.2.3","triggers":{"api":true,"email":false,"manual":true,"cron":false},"implementationAvailable":true,"updatedAt":"2026-02-01T00:00:00Z",
         "inputSchema":{"type":"object","properties":{"document":{"type":"string","format":"binary"}},"required":["document"]},"outputSchema":null}
        """;

    public const string AuthCheck = """
        {"ok":true,"tenantId":"ten_1","tenantSlug":"acme","keyId":"key_1","scope":["runs:write","files:write"],"wildcardGranted":false,
         "tenantName":"ACME","userId":null,"email":null,"name":null}
        """;

    public const string Envelope = """
        {"issues":[{"field":"input.document","message":"is required","code":"invalid_value","severity":"error"}],"requestId":"req_body","hint":"send the document","docsUrl":"https://docs.eigenpal.com/errors"}
        """;
}

using System.Net;
using System.Text;
using Eigenpal.Simulator.V1.Modes;

namespace Eigenpal.Simulator.Tests.V1;

/// <summary>Starts that name uploaded files by <c>$fileId</c> (inside <c>input</c> or in the <c>files</c> map) or carry them <c>$inline</c>.</summary>
public sealed class FileReferenceTests
{
    private static readonly byte[] Invoice = Encoding.UTF8.GetBytes("Invoice No: F-1\nTotal: 9.99 EUR");

    private static async Task<(SimulatorHost Host, V1Api Api, string FileId)> WithFileAsync(FileReferencesMode mode = FileReferencesMode.Both)
    {
        var host = await V1Fixture.StartAsync(o => o.Modes.FileReferences = mode);
        var api = new V1Api(host);
        var file = await api.UploadAsync(Invoice, "f.txt", "ref-key");
        return (host, api, file["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"target":"workflows.extract-invoice","input":{"contract_document":{"$fileId":"FILE"}}}""")]
    [InlineData("""{"target":"workflows.extract-invoice","input":{},"files":{"contract_document":{"$fileId":"FILE"}}}""")]
    [InlineData("""{"target":"workflows.extract-invoice","files":{"contract_document":[{"$fileId":"FILE"}]}}""")]
    public async Task A_file_id_in_input_or_in_the_files_map_runs_on_the_uploaded_bytes(string template)
    {
        var (host, api, fileId) = await WithFileAsync();
        await using var hostScope = host;
        using var apiScope = api;
        var (response, body) = await api.StartAsync(template.Replace("FILE", fileId, StringComparison.Ordinal), "?wait_for_completion=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("F-1", body["output"]!["invoiceNumber"]!.GetValue<string>());
        var run = await api.RunAsync(body["id"]!.GetValue<string>(), "input");
        Assert.Equal("input/contract_document", run["input"]!["args"]!["contract_document"]!["$file"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_multipart_start_may_carry_a_file_id_inside_its_input_field()
    {
        var (host, api, fileId) = await WithFileAsync();
        await using var hostScope = host;
        using var apiScope = api;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("workflows.extract-invoice"), "target" },
            { new StringContent($$$$$"""{"contract_document":{"$fileId":"{{{{{fileId}}}}}"}}"""), "input" },
        };
        var (response, _) = await api.PostAsync("runs", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_inline_file_is_decoded()
    {
        await using var host = await V1Fixture.StartAsync();
        using var api = new V1Api(host);
        var json = $$$$$"""{"target":"workflows.extract-invoice","files":{"contract_document":{"$inline":{"filename":"i.txt","mimeType":"text/plain","base64":"{{{{{Convert.ToBase64String(Invoice)}}}}}"}}}}""";
        var (response, body) = await api.StartAsync(json, "?wait_for_completion=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("i.txt", body["output"]!["fileName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(FileReferencesMode.Both, """{"target":"workflows.extract-invoice","input":{"contract_document":{"$fileId":"file_unknown"}}}""", "body.input.contract_document.$fileId")]
    [InlineData(FileReferencesMode.Both, """{"target":"workflows.extract-invoice","files":{"contract_document":{"$fileId":"file_unknown"}}}""", "body.files.contract_document.$fileId")]
    [InlineData(FileReferencesMode.Both, """{"target":"workflows.extract-invoice","files":{"contract_document":[]}}""", "body.files.contract_document")]
    [InlineData(FileReferencesMode.Both, """{"target":"workflows.extract-invoice","files":{"contract_document":"file_x"}}""", "body.files.contract_document")]
    [InlineData(FileReferencesMode.Both, """{"target":"workflows.extract-invoice","input":{"contract_document":{"$fileId":"FILE"}},"files":{"contract_document":{"$fileId":"FILE"}}}""", "body.files.contract_document")]
    [InlineData(FileReferencesMode.Both, """{"target":"workflows.extract-invoice","files":{"contract_document":{"$inline":{"filename":"a","mimeType":"b","base64":"***"}}}}""", "body.files.contract_document.$inline.base64")]
    [InlineData(FileReferencesMode.FilesMapOnly, """{"target":"workflows.extract-invoice","input":{"contract_document":{"$fileId":"FILE"}}}""", "body.input.contract_document")]
    [InlineData(FileReferencesMode.InputOnly, """{"target":"workflows.extract-invoice","files":{"contract_document":{"$fileId":"FILE"}}}""", "body.files")]
    public async Task Bad_or_misplaced_references_are_400s_naming_the_field(FileReferencesMode mode, string template, string field)
    {
        var (host, api, fileId) = await WithFileAsync(mode);
        await using var hostScope = host;
        using var apiScope = api;
        var (response, body) = await api.StartAsync(template.Replace("FILE", fileId, StringComparison.Ordinal));
        V1Api.AssertEnvelope(response, body, 400, field);
        Assert.Equal(0, host.GetCounters().ExecutionsCreated);
    }

    [Fact]
    public async Task A_deleted_file_can_no_longer_be_referenced_but_runs_that_used_it_keep_their_copy()
    {
        var (host, api, fileId) = await WithFileAsync();
        await using var hostScope = host;
        using var apiScope = api;
        var start = $$$$$"""{"target":"workflows.extract-invoice","input":{"contract_document":{"$fileId":"{{{{{fileId}}}}}"}}}""";
        var (_, first) = await api.StartAsync(start, "?wait_for_completion=10");
        await api.DeleteAsync($"files/{fileId}");
        var (refused, body) = await api.StartAsync(start);
        V1Api.AssertEnvelope(refused, body, 400, "body.input.contract_document.$fileId");
        Assert.Equal("F-1", (await api.RunAsync(first["id"]!.GetValue<string>()))["output"]!["invoiceNumber"]!.GetValue<string>());
    }
}

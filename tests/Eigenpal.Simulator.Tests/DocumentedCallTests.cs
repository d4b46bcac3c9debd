using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests;

/// <summary>
/// The official docs run <c>extract-invoice</c> with one file input named <c>contract_document</c>;
/// the SDK sends it as multipart, byte for byte as httpx writes it (text fields first, then files).
/// </summary>
public sealed class DocumentedCallTests(FastSimulatorFixture fixture) : IClassFixture<FastSimulatorFixture>
{
    private const string Boundary = "3f1c9a7be0d24c6f8a51d2e4b7c90a13";

    private static readonly byte[] Invoice = "Invoice No: DOC-1\nTotal: 12.50 EUR\n"u8.ToArray();

    /// <summary>A multipart body laid out as the Python SDK (httpx) writes it.</summary>
    private static ByteArrayContent SdkMultipart(string fileField, string? sidecar)
    {
        var body = new MemoryStream();
        void Text(string s) => body.Write(Encoding.UTF8.GetBytes(s));
        if (sidecar is not null)
        {
            Text($"--{Boundary}\r\nContent-Disposition: form-data; name=\"_json\"\r\n\r\n{sidecar}\r\n");
        }

        Text($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{fileField}\"; filename=\"contract.txt\"\r\nContent-Type: text/plain\r\n\r\n");
        body.Write(Invoice);
        Text($"\r\n--{Boundary}--\r\n");
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"input": {"language": "en"}}""")]
    public async Task The_docs_call_with_a_contract_document_part_is_accepted(string? sidecar)
    {
        var (response, body) = await fixture.Api.PostAsync($"{Base}/extract-invoice/run", SdkMultipart("contract_document", sidecar));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["executionId"], Keys(body));
        var id = body["executionId"]!.GetValue<string>();
        var done = await Eventually.Until(() => fixture.Api.ExecutionAsync(id), b => b["status"]!.GetValue<string>() == "completed", what: $"{id} completed");
        Assert.Equal("contract.txt", done["result"]!["fileName"]!.GetValue<string>());
        Assert.Equal("DOC-1", done["result"]!["invoiceNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_old_input_name_document_is_refused_as_a_missing_contract_document()
    {
        var created = fixture.Host.GetCounters().ExecutionsCreated;

        var (response, body) = await fixture.Api.PostAsync($"{Base}/extract-invoice/run", SdkMultipart("document", sidecar: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = WireFormatTests.AssertEnvelope(response, body, "required");
        Assert.Equal("body.input.contract_document", issue["field"]!.GetValue<string>());
        Assert.Equal(created, fixture.Host.GetCounters().ExecutionsCreated);
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Eigenpal.Simulator.Options;
using Eigenpal.Simulator.Tests.Infrastructure;
using static Eigenpal.Simulator.Tests.Infrastructure.Api;

namespace Eigenpal.Simulator.Tests.Modes;

/// <summary>Each way a server may show an uploaded file in <c>triggerInput</c>, as seen on the wire.</summary>
public sealed class FileEchoModeTests
{
    private static readonly byte[] Invoice = "Invoice No: ECHO-1\nTotal: 9.99 EUR\n"u8.ToArray();

    private static async Task<(SimulatorHost Host, Api Api)> StartAsync(FileEchoMode mode)
    {
        var host = await SimulatorHost.StartAsync(o =>
        {
            FastSimulatorFixture.Configure(o);
            o.Modes.FileEcho = mode;
        });
        return (host, new Api(host));
    }

    private static async Task<JsonObject> EchoedInputAsync(FileEchoMode mode)
    {
        var (host, api) = await StartAsync(mode);
        await using (host)
        using (api)
        {
            var id = await api.RunFileAsync(Invoice, "echo.txt", """{"input":{"note":"n"}}""");
            var item = await api.ListedAsync("extract-invoice", id);
            Assert.Equal("n", item["triggerInput"]!["note"]!.GetValue<string>());
            return item["triggerInput"]!.AsObject();
        }
    }

    [Fact]
    public async Task Full_echo_shows_name_type_size_and_content_hash()
    {
        var file = (await EchoedInputAsync(FileEchoMode.Full))["contract_document"]!;
        Assert.Equal(["contentType", "fileName", "sha256", "sizeBytes"], Keys(file));
        Assert.Equal("echo.txt", file["fileName"]!.GetValue<string>());
        Assert.Equal(Invoice.Length, file["sizeBytes"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Invoice)), file["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Name_and_size_echo_uses_lower_case_filename_and_size()
    {
        var file = (await EchoedInputAsync(FileEchoMode.NameAndSize))["contract_document"]!;
        Assert.Equal(["filename", "size"], Keys(file));
        Assert.Equal("echo.txt", file["filename"]!.GetValue<string>());
        Assert.Equal(Invoice.Length, file["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Name_only_echo_shows_the_filename_alone()
    {
        var file = (await EchoedInputAsync(FileEchoMode.NameOnly))["contract_document"]!;
        Assert.Equal(["filename"], Keys(file));
        Assert.Equal("echo.txt", file["filename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Storage_reference_echo_is_an_opaque_string_that_differs_per_execution()
    {
        var (host, api) = await StartAsync(FileEchoMode.StorageReference);
        await using var _ = host;
        using var __ = api;
        var first = await api.RunFileAsync(Invoice, "echo.txt");
        var second = await api.RunFileAsync(Invoice, "echo.txt");

        var references = new List<string>();
        foreach (var id in new[] { first, second })
        {
            var reference = (await api.ListedAsync("extract-invoice", id))["triggerInput"]!["contract_document"]!.GetValue<string>();
            Assert.StartsWith("files/", reference, StringComparison.Ordinal);
            Assert.DoesNotContain("echo", reference, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Invoice))[..8], reference, StringComparison.Ordinal);
            references.Add(reference);
        }

        Assert.NotEqual(references[0], references[1]);
        Assert.Equal(references[0], (await api.ListedAsync("extract-invoice", first))["triggerInput"]!["contract_document"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_echo_leaves_the_triggerInput_key_out_of_list_items()
    {
        var (host, api) = await StartAsync(FileEchoMode.None);
        await using var _ = host;
        using var __ = api;
        var fileRun = await api.RunFileAsync(Invoice, "echo.txt");
        var textRun = await api.RunTextAsync("no echo");

        Assert.DoesNotContain("triggerInput", Keys(await api.ListedAsync("extract-invoice", fileRun)));
        Assert.DoesNotContain("triggerInput", Keys(await api.ListedAsync("classify-text", textRun)));
        Assert.Contains("triggerType", Keys(await api.ListedAsync("classify-text", textRun)));
    }

    [Fact]
    public async Task The_echo_follows_the_mode_in_force_when_the_list_is_read()
    {
        var (host, api) = await StartAsync(FileEchoMode.Full);
        await using var _ = host;
        using var __ = api;
        var id = await api.RunFileAsync(Invoice, "echo.txt");

        host.SetModes(new ModeOptions { FileEcho = FileEchoMode.NameOnly });

        Assert.Equal(["filename"], Keys((await api.ListedAsync("extract-invoice", id))["triggerInput"]!["contract_document"]));
    }
}

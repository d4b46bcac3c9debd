using Eigenpal.Reconciliation;
using static Eigenpal.Core.Tests.Reconciliation.Echoes;

namespace Eigenpal.Core.Tests.Reconciliation;

/// <summary>
/// The evidence a listed execution's <c>triggerInput</c> gives that it is one attempt's run, for every
/// echo shape the simulator can produce (eigenpal-api.md §10) and a few more a real server might.
/// </summary>
public sealed class EchoComparerTests
{
    private static readonly SentFile Invoice = File("invoice-00001.pdf", "invoice 00001");

    // Files: the simulator's FileEcho modes

    [Fact]
    public void A_full_echo_with_the_same_hash_proves()
    {
        Assert.Equal(Evidence.Proves, EchoComparer.Weigh(Echo(Full(Invoice)), Sent(Invoice)));
    }

    [Fact]
    public void A_full_echo_with_another_hash_contradicts_even_with_the_same_name_and_size()
    {
        var lookAlike = Echo(Full(Invoice, sha256: Sha256("invoice 00002")));

        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(lookAlike, Sent(Invoice)));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_hash_is_compared_without_regard_to_case_or_a_sha256_prefix(bool upperCase, bool prefixed)
    {
        var hash = upperCase ? Invoice.Sha256.ToUpperInvariant() : Invoice.Sha256;
        var echo = Echo($$"""{"name":"invoice-00001.pdf","checksum":"{{(prefixed ? "sha256:" : "")}}{{hash}}"}""");

        Assert.Equal(Evidence.Proves, EchoComparer.Weigh(echo, Sent(Invoice)));
    }

    [Fact]
    public void A_name_and_size_that_match_nearly_prove()
    {
        Assert.Equal(Evidence.NearlyProves, EchoComparer.Weigh(Echo(NameAndSize(Invoice.FileName, Invoice.SizeBytes)), Sent(Invoice)));
    }

    [Fact]
    public void A_name_and_size_with_another_size_contradict()
    {
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(Echo(NameAndSize(Invoice.FileName, Invoice.SizeBytes + 1)), Sent(Invoice)));
    }

    [Fact]
    public void A_name_and_size_with_another_name_contradict()
    {
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(Echo(NameAndSize("invoice-00002.pdf", Invoice.SizeBytes)), Sent(Invoice)));
    }

    [Fact]
    public void A_size_echoed_as_text_counts_as_a_size()
    {
        var echo = Echo($$"""{"filename":"invoice-00001.pdf","size":"{{Invoice.SizeBytes}}"}""");

        Assert.Equal(Evidence.NearlyProves, EchoComparer.Weigh(echo, Sent(Invoice)));
    }

    [Fact]
    public void Keys_spelled_in_another_case_are_still_recognised()
    {
        var echo = Echo($$"""{"FileName":"invoice-00001.pdf","FileSize":{{Invoice.SizeBytes}}}""");

        Assert.Equal(Evidence.NearlyProves, EchoComparer.Weigh(echo, Sent(Invoice)));
    }

    [Fact]
    public void A_matching_name_alone_suggests()
    {
        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(Echo(NameOnly(Invoice.FileName)), Sent(Invoice)));
    }

    [Fact]
    public void Another_name_alone_contradicts()
    {
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(Echo(NameOnly("invoice-00002.pdf")), Sent(Invoice)));
    }

    [Fact]
    public void An_opaque_storage_reference_is_silent()
    {
        var echo = Echo("\"files/8f2c1d0e9b7a6c5d4e3f2a1b0c9d8e7f\"");

        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(echo, Sent(Invoice)));
    }

    [Fact]
    public void A_bare_string_equal_to_the_file_name_suggests()
    {
        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(Echo("\"invoice-00001.pdf\""), Sent(Invoice)));
    }

    [Fact]
    public void A_bare_string_holding_the_hash_proves_but_another_hash_like_string_may_be_a_storage_key()
    {
        Assert.Equal(Evidence.Proves, EchoComparer.Weigh(Echo($"\"{Invoice.Sha256}\""), Sent(Invoice)));
        // 64 hex digits under no key may be an opaque storage reference: it never contradicts.
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(Echo($"\"{Sha256("other")}\""), Sent(Invoice)));
    }

    [Fact]
    public void No_trigger_input_is_silent()
    {
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(null, Sent(Invoice)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"files/abc\"")]
    [InlineData("[1, 2]")]
    [InlineData("{}")]
    public void A_trigger_input_without_the_file_is_silent(string triggerInput)
    {
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(Json(triggerInput), Sent(Invoice)));
    }

    [Fact]
    public void A_file_echoed_with_its_size_alone_is_silent()
    {
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(Echo($$"""{"sizeBytes":{{Invoice.SizeBytes}}}"""), Sent(Invoice)));
    }

    [Fact]
    public void A_non_ascii_name_echoed_as_the_ascii_fallback_the_client_put_in_filename_matches()
    {
        var file = File("Rechnung_Müller_Ærø.pdf", "rechnung");

        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(Echo(NameOnly("Rechnung_M_ller__r_.pdf")), Sent(file)));
        Assert.Equal(Evidence.NearlyProves, EchoComparer.Weigh(Echo(NameAndSize("Rechnung_M_ller__r_.pdf", file.SizeBytes)), Sent(file)));
    }

    [Fact]
    public void A_non_ascii_name_echoed_in_full_matches_and_in_another_unicode_normal_form_is_cannot_tell()
    {
        var file = File("Rechnung_Müller.pdf", "rechnung");
        var decomposed = "Rechnung_Mu\u0308ller.pdf";

        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(Echo(NameOnly("Rechnung_Müller.pdf")), Sent(file)));
        // The process runs without ICU and cannot normalise: another form is not a contradiction.
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(Echo(NameOnly(decomposed)), Sent(file)));
    }

    [Fact]
    public void A_non_ascii_name_against_another_ascii_name_is_cannot_tell_but_its_size_still_decides()
    {
        var file = File("Rechnung_Müller.pdf", "rechnung");

        // A server may re-encode a non-ASCII name (percent-escapes, transliteration): not a contradiction.
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(Echo(NameOnly("Rechnung_Moller.pdf")), Sent(file)));
        var otherSize = "{\"filename\":\"Rechnung_Moller.pdf\",\"size\":" + (file.SizeBytes + 1) + "}";
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(Echo(otherSize), Sent(file)));
    }

    [Fact]
    public void A_hash_under_hash_that_is_not_64_hex_is_ignored_not_a_contradiction()
    {
        const string md5 = "0cc175b9c0f1b6a831c399e269772661"; // 32 hex digits: some other digest, not a SHA-256
        var echo = Echo($$"""{"filename":"invoice-00001.pdf","hash":"{{md5}}"}""");

        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(echo, Sent(Invoice)));
    }

    [Fact]
    public void With_several_files_the_weakest_decides_and_any_contradiction_wins()
    {
        var cover = File("cover.txt", "cover letter", input: "cover_letter");
        var sent = Sent(Invoice, cover);

        var oneHashOneName = Json($$"""{"{{Input}}":{{Full(Invoice)}},"cover_letter":{{NameOnly("cover.txt")}}}""");
        var oneContradicting = Json($$"""{"{{Input}}":{{Full(Invoice)}},"cover_letter":{{NameOnly("other.txt")}}}""");

        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(oneHashOneName, sent));
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(oneContradicting, sent));
    }

    // Scalars beside a file: compared as JSON values, only a real difference contradicts

    [Theory]
    [InlineData("""{"amount":1.50}""", """{"amount":1.5}""")]
    [InlineData("""{"amount":2}""", """{"amount":2.0}""")]
    [InlineData("""{"amount":1e3}""", """{"amount":1000}""")]
    [InlineData("""{"amount":"1.5"}""", """{"amount":1.5}""")]
    [InlineData("""{"amount":1.5}""", """{"amount":"1.5"}""")]
    [InlineData("""{"strict":true}""", """{"strict":"true"}""")]
    [InlineData("""{"meta":{"a":1,"b":"x"}}""", """{"meta":{"b":"x","a":1}}""")]
    [InlineData("""{"meta":{"a":{"c":[1,2.50]}}}""", """{"meta":{"a":{"c":[1,2.5]}}}""")]
    public void Scalars_that_are_the_same_value_written_differently_do_not_contradict(string sent, string echoed)
    {
        var echo = EchoWith(echoed, Full(Invoice));

        Assert.Equal(Evidence.Proves, EchoComparer.Weigh(echo, Sent(sent, Invoice)));
    }

    [Fact]
    public void A_null_we_sent_that_the_echo_dropped_cannot_tell_and_does_not_contradict()
    {
        var echo = Json($$"""{"{{Input}}":{{Full(Invoice)}}}""");

        Assert.Equal(Evidence.Proves, EchoComparer.Weigh(echo, Sent("""{"note":null}""", Invoice)));
    }

    [Fact]
    public void A_different_scalar_contradicts_even_when_the_file_hash_matches()
    {
        var echo = Json($$"""{"customer":"ACME","{{Input}}":{{Full(Invoice)}}}""");

        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(echo, Sent("""{"customer":"Globex"}""", Invoice)));
    }

    [Fact]
    public void A_different_value_deep_in_a_nested_object_contradicts()
    {
        var echo = EchoWith("""{"meta":{"b":{"c":2}}}""", NameOnly(Invoice.FileName));

        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(echo, Sent("""{"meta":{"b":{"c":3}}}""", Invoice)));
    }

    // Scalar-only inputs: the scalars are all the evidence there is

    [Fact]
    public void Scalar_only_inputs_all_echoed_equal_prove()
    {
        var echo = Json("""{"text":"please classify","limit":2.0,"options":{"lang":"de","strict":true}}""");

        Assert.Equal(Evidence.Proves, EchoComparer.Weigh(echo, Sent("""{"options":{"strict":true,"lang":"de"},"text":"please classify","limit":2}""")));
    }

    [Theory]
    [InlineData("""{"text":"please classify"}""")]
    [InlineData("""{"text":"please classify","limit":null}""")]
    public void Scalar_only_inputs_some_of_them_absent_or_null_suggest(string echoed)
    {
        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(Json(echoed), Sent("""{"text":"please classify","limit":2}""")));
    }

    [Fact]
    public void Scalar_only_inputs_with_a_null_sent_and_dropped_suggest()
    {
        Assert.Equal(Evidence.Suggests, EchoComparer.Weigh(Json("""{"text":"a"}"""), Sent("""{"text":"a","note":null}""")));
    }

    [Fact]
    public void Scalar_only_inputs_none_of_them_echoed_are_silent()
    {
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(Json("{}"), Sent("""{"text":"please classify"}""")));
        Assert.Equal(Evidence.Silent, EchoComparer.Weigh(null, Sent("""{"text":"please classify"}""")));
    }

    [Fact]
    public void Scalar_only_inputs_with_a_different_string_contradict()
    {
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(Json("""{"text":"please classify B"}"""), Sent("""{"text":"please classify A"}""")));
    }

    [Fact]
    public void Scalar_only_inputs_with_arrays_in_another_order_contradict()
    {
        Assert.Equal(Evidence.Contradicts, EchoComparer.Weigh(Json("""{"tags":["b","a"]}"""), Sent("""{"tags":["a","b"]}""")));
    }

    /// <summary>
    /// A JavaScript server (the simulator's <c>ReserializeScalars</c>) reads every number as a double:
    /// an integer beyond 2^53, or a decimal with more digits than a double holds, comes back rounded.
    /// That is the server re-serialising, not another input: it must not eliminate our own run.
    /// </summary>
    [Theory]
    [InlineData("""{"customer_id":9007199254740993}""", """{"customer_id":9007199254740992}""")]
    [InlineData("""{"rate":0.123456789012345678}""", """{"rate":0.12345678901234568}""")]
    public void A_number_rounded_to_a_double_by_the_server_does_not_contradict(string sent, string echoed)
    {
        var echo = EchoWith(echoed, Full(Invoice));

        Assert.NotEqual(Evidence.Contradicts, EchoComparer.Weigh(echo, Sent(sent, Invoice)));
    }
}

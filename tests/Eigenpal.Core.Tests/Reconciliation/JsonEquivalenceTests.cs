using System.Text.Json.Nodes;
using Eigenpal.Reconciliation;

namespace Eigenpal.Core.Tests.Reconciliation;

/// <summary>
/// Comparing a value we sent with the value a server echoed, as JSON values: a server that
/// re-serialises (numbers, key order, dropped nulls) must not manufacture a difference, and a
/// value that really differs must be told apart.
/// </summary>
public sealed class JsonEquivalenceTests
{
    private static Comparison Compare(string sent, string echoed) => JsonEquivalence.Compare(Parse(sent), Parse(echoed));

    private static JsonNode? Parse(string json) => JsonNode.Parse(json);

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("2", "2.0")]
    [InlineData("1e3", "1000")]
    [InlineData("1E+3", "1000")]
    [InlineData("-0", "0")]
    [InlineData("0.1", "1e-1")]
    [InlineData("100", "100")]
    public void Numbers_compare_numerically(string sent, string echoed)
    {
        Assert.Equal(Comparison.Equal, Compare(sent, echoed));
        Assert.Equal(Comparison.Equal, Compare(echoed, sent));
    }

    [Theory]
    [InlineData("1.5", "1.51")]
    [InlineData("2", "-2")]
    [InlineData("100", "1000")]
    public void Different_numbers_differ(string sent, string echoed)
    {
        Assert.Equal(Comparison.Different, Compare(sent, echoed));
    }

    [Theory]
    [InlineData("\"1.5\"", "1.5")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData("\"1.50\"", "1.5")]
    [InlineData("2", "\"2.0\"")]
    public void A_number_and_the_text_spelling_it_are_equal(string sent, string echoed)
    {
        Assert.Equal(Comparison.Equal, Compare(sent, echoed));
    }

    [Fact]
    public void A_number_and_text_spelling_another_number_differ()
    {
        Assert.Equal(Comparison.Different, Compare("\"1.5\"", "2"));
        Assert.Equal(Comparison.Different, Compare("2", "\"1.5\""));
    }

    [Theory]
    [InlineData("true", "\"true\"")]
    [InlineData("false", "\"FALSE\"")]
    [InlineData("\"True\"", "true")]
    public void A_boolean_and_the_text_spelling_it_are_equal(string sent, string echoed)
    {
        Assert.Equal(Comparison.Equal, Compare(sent, echoed));
    }

    [Theory]
    [InlineData("true", "false")]
    [InlineData("true", "\"yes\"")]
    public void Booleans_differ_from_the_other_boolean_and_from_other_words(string sent, string echoed)
    {
        Assert.Equal(Comparison.Different, Compare(sent, echoed));
    }

    [Theory]
    [InlineData("true", "1")]
    [InlineData("1", "true")]
    [InlineData("\"a\"", "{}")]
    [InlineData("1", "[1]")]
    public void Another_shape_or_kind_may_be_a_re_encoding_and_cannot_be_told(string sent, string echoed)
    {
        Assert.Equal(Comparison.CannotTell, Compare(sent, echoed));
    }

    [Fact]
    public void Strings_compare_exactly()
    {
        Assert.Equal(Comparison.Equal, Compare("\"Nordwind GmbH\"", "\"Nordwind GmbH\""));
        Assert.Equal(Comparison.Different, Compare("\"Nordwind GmbH\"", "\"nordwind gmbh\""));
        Assert.Equal(Comparison.Different, Compare("\"a\"", "\"a \""));
    }

    [Fact]
    public void A_null_on_either_side_cannot_tell()
    {
        Assert.Equal(Comparison.CannotTell, JsonEquivalence.Compare(null, Parse("1")));
        Assert.Equal(Comparison.CannotTell, JsonEquivalence.Compare(Parse("1"), null));
        Assert.Equal(Comparison.CannotTell, JsonEquivalence.Compare(null, null));
    }

    [Fact]
    public void Objects_compare_without_regard_to_key_order()
    {
        Assert.Equal(Comparison.Equal, Compare("""{"a":1,"b":{"c":"x","d":[1,2]}}""", """{"b":{"d":[1.0,2],"c":"x"},"a":1}"""));
    }

    [Fact]
    public void An_object_key_the_echo_left_out_or_nulled_cannot_tell()
    {
        Assert.Equal(Comparison.CannotTell, Compare("""{"a":1,"b":2}""", """{"a":1}"""));
        Assert.Equal(Comparison.CannotTell, Compare("""{"a":1,"b":null}""", """{"a":1}"""));
        Assert.Equal(Comparison.CannotTell, Compare("""{"a":1,"b":2}""", """{"a":1,"b":null}"""));
    }

    [Fact]
    public void A_difference_anywhere_outweighs_what_cannot_be_told()
    {
        Assert.Equal(Comparison.Different, Compare("""{"a":null,"b":{"c":1}}""", """{"b":{"c":2}}"""));
    }

    [Fact]
    public void Keys_only_the_echo_has_are_not_held_against_it()
    {
        Assert.Equal(Comparison.Equal, Compare("""{"a":1}""", """{"a":1,"defaulted":"x"}"""));
    }

    [Fact]
    public void Arrays_compare_item_by_item_in_order()
    {
        Assert.Equal(Comparison.Equal, Compare("[1.50,\"x\",{\"a\":true}]", "[1.5,\"x\",{\"a\":true}]"));
        Assert.Equal(Comparison.Different, Compare("[1,2]", "[2,1]"));
        Assert.Equal(Comparison.Different, Compare("[1,2]", "[1,2,3]"));
        Assert.Equal(Comparison.CannotTell, Compare("[1,null]", "[1,2]"));
    }

    [Fact]
    public void An_object_echoed_as_its_json_text_is_compared_as_the_object()
    {
        Assert.Equal(Comparison.Equal, Compare("""{"a":1.50}""", "\"{\\\"a\\\":1.5}\""));
        Assert.Equal(Comparison.Different, Compare("""{"a":1}""", "\"{\\\"a\\\":2}\""));
        Assert.Equal(Comparison.CannotTell, Compare("""{"a":1}""", "\"not json\""));
    }

    [Fact]
    public void Numbers_beyond_the_decimal_range_cannot_be_told_rather_than_differ()
    {
        Assert.Equal(Comparison.CannotTell, Compare("1e400", "1e400"));
    }

    /// <summary>A JavaScript server reads every number as a double; what it prints back is the same value to it.</summary>
    [Theory]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("12345678901234567890", "12345678901234567000")]
    [InlineData("0.123456789012345678", "0.12345678901234568")]
    public void A_number_the_server_rounded_to_a_double_is_not_a_different_value(string sent, string echoed)
    {
        Assert.NotEqual(Comparison.Different, Compare(sent, echoed));
    }
}

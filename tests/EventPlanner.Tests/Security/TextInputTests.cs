using System.Xml;
using EventPlanner.Web.Features.Community;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Security;

/// <summary>The one normalisation step for text coming in, and the clean-up for XML going out (issue 18).</summary>
[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class TextInputTests
{
    [Theory]
    [InlineData("Nul\0", "U+0000")]
    [InlineData("Bell\u0007", "U+0007")]
    [InlineData("Escape\u001B[31m", "U+001B")]
    [InlineData("C1\u0085", "U+0085")]
    [InlineData("Non\uFFFE", "U+FFFE")]
    [InlineData("Non\uFFFF", "U+FFFF")]
    public void Characters_no_text_field_needs_are_refused_with_a_message_naming_them(string value, string named)
    {
        var v = new Validator();
        Assert.Null(v.Required("title", value, 100, "Title"));
        Assert.Contains(named, Assert.Single(v.Errors["title"]));
    }

    // Built in code: xunit's serialisation of InlineData would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData(0xD800, "Lone", "")]
    [InlineData(0xDC00, "", "Lone")]
    public void A_lone_surrogate_is_refused(int surrogate, string before, string after)
    {
        var v = new Validator();
        Assert.Null(v.Required("title", before + (char)surrogate + after, 100, "Title"));
        Assert.Contains($"U+{surrogate:X4}", Assert.Single(v.Errors["title"]));
    }

    [Fact]
    public void Tabs_line_breaks_and_astral_characters_are_kept_and_line_breaks_become_lf()
    {
        var v = new Validator();
        Assert.Equal("a\tb\nc\nd 🦀", v.Optional("abstract", "  a\tb\r\nc\rd 🦀 ", 100));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void Text_is_put_in_nfc_before_its_length_is_counted()
    {
        var v = new Validator();
        var decomposed = "Cafe\u0301"; // e + combining acute: five chars, four once composed
        Assert.Equal("Caf\u00E9", v.Required("name", decomposed, 4));
        Assert.False(v.HasErrors);
    }

    [Fact]
    public void Required_gives_null_whenever_the_field_got_a_message_so_callers_checking_null_stop()
    {
        var v = new Validator();
        Assert.Null(v.Required("reason", new string('x', 1001), 1000, "Reason"));
        Assert.Contains("at most 1000", Assert.Single(v.Errors["reason"]));
    }

    [Fact]
    public void A_null_element_is_a_message_on_that_element_and_an_over_long_list_is_refused()
    {
        var v = new Validator();
        Assert.Empty(v.TextList("links", ["a", "", "b", null], 10, "links"));
        Assert.Equal(["links[3]"], v.Errors.Keys);
        Assert.Equal(["a", "b"], new Validator().TextList("links", ["a", " ", "b"], 10, "links"));

        var w = new Validator();
        Assert.Empty(w.TextList("tags", Enumerable.Repeat("x", Validator.MaxListItems + 1).ToList(), 10, "tags"));
        Assert.True(w.Errors.ContainsKey("tags"));

        var x = new Validator();
        x.TextList("names", ["fine", "bad\0"], 10, "names");
        Assert.Equal(["names[1]"], x.Errors.Keys);
    }

    [Theory]
    [InlineData("0001-01-01T00:00", "Asia/Kuala_Lumpur")]
    [InlineData("9999-12-31T23:59", "America/New_York")]
    [InlineData("1999-12-31T23:59", "UTC")]
    [InlineData("2101-01-01T00:00", "UTC")]
    public void Local_times_outside_the_sane_range_are_refused_not_converted(string text, string zone)
    {
        Assert.Equal(LocalTimes.Parsed.OutOfRange, LocalTimes.TryParse(text, TimeZoneInfo.FindSystemTimeZoneById(zone), out _));
        var v = new Validator();
        Assert.Null(v.LocalDateTime("opensAt", text, TimeZoneInfo.FindSystemTimeZoneById(zone), "Opening time", required: true));
        Assert.True(v.Errors.ContainsKey("opensAt"));
    }

    [Fact]
    public void Dates_outside_the_sane_range_are_refused()
    {
        var v = new Validator();
        Assert.Null(v.Date("startsOn", "0001-01-01", "First day"));
        Assert.Null(v.Date("endsOn", "9999-12-31", "Last day"));
        Assert.Equal(new DateOnly(2027, 2, 6), v.Date("day", "2027-02-06"));
        Assert.Equal(["endsOn", "startsOn"], v.Errors.Keys.Order());
    }

    [Fact]
    public void A_block_session_from_15_00_to_14_00_does_not_wrap_round_midnight()
    {
        var v = new Validator();
        Assert.Null(CommunityInputRules.Validate(new BlockSessionInput("talk", "Backwards", "", "15:00", "14:00", [], [], null), v));
        Assert.True(v.Errors.ContainsKey("end"));
    }

    [Fact]
    public void Xml_writers_drop_what_xml_cannot_carry_and_keep_everything_else()
    {
        Assert.Equal("NulTitle\t\n🦀é", TextInput.ForXml("Nul\0Title\uFFFF\t\n" + (char)0xD800 + "🦀\u0007é"));
        using var text = new StringWriter();
        using (var w = XmlTextScrubber.Create(text, new XmlWriterSettings()))
        {
            w.WriteStartElement("event");
            w.WriteAttributeString("name", "Jan\u0001son");
            w.WriteElementString("title", "Nul\0Title");
            w.WriteEndElement();
        }
        var doc = new XmlDocument();
        doc.LoadXml(text.ToString());
        Assert.Equal("NulTitle", doc.SelectSingleNode("/event/title")!.InnerText);
        Assert.Equal("Janson", doc.DocumentElement!.GetAttribute("name"));
    }
}

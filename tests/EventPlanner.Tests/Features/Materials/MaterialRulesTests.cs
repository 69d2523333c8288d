using System.Text;
using EventPlanner.Web.Features.Materials;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Materials;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class MaterialRulesTests
{
    private static SniffedType? Sniff(byte[] bytes) => MaterialSniffer.Sniff(bytes, bytes.Length);

    [Fact]
    public void Pdf_odp_and_pptx_are_told_by_their_bytes()
    {
        Assert.Equal(MaterialSniffer.Pdf, Sniff(MaterialKit.Pdf()));
        Assert.Equal(MaterialSniffer.Odp, Sniff(MaterialKit.Odp()));
        Assert.Equal(MaterialSniffer.Pptx, Sniff(MaterialKit.Pptx()));
    }

    [Fact]
    public void Other_bytes_are_none_of_them_whatever_they_are_called()
    {
        Assert.Null(Sniff(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));
        Assert.Null(Sniff(Encoding.UTF8.GetBytes(" %PDF-1.7 (not at the start)")));
        // A ZIP that is neither: a Word document, a text document, a bare archive.
        Assert.Null(Sniff(MaterialKit.Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"))));
        Assert.Null(Sniff(MaterialKit.Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>"))));
        Assert.Null(Sniff(MaterialKit.Zip(("notes.txt", "hello"))));
        // Something that starts like a ZIP and is not one.
        Assert.Null(Sniff([.. "PK\u0003\u0004"u8, .. new byte[40]]));
        Assert.Null(Sniff([]));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://example.org/slides.pdf")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/events/x/sessions/1")]
    [InlineData("//evil.example/x")]
    [InlineData("https://user:secret@example.org/")]
    [InlineData("https://example.org/a b")]
    [InlineData("")]
    public void A_link_that_is_not_a_plain_web_address_is_refused(string url)
    {
        var v = new Validator();
        Assert.Null(MaterialRules.Url("url", url, v));
        Assert.True(v.Errors.ContainsKey("url"));
    }

    [Fact]
    public void Web_addresses_are_kept_and_overlong_ones_refused()
    {
        var v = new Validator();
        Assert.Equal("https://media.ccc.de/v/fossmy-2026-12", MaterialRules.Url("url", "  https://media.ccc.de/v/fossmy-2026-12 ", v));
        Assert.Equal("http://example.org/x", MaterialRules.Url("url", "http://example.org/x", v));
        Assert.False(v.HasErrors);
        Assert.Null(MaterialRules.Url("url", "https://example.org/" + new string('a', MaterialRules.MaxUrl), v));
        Assert.Contains("at most 500", v.Errors["url"][0]);
    }

    [Fact]
    public void Too_many_links_and_bad_elements_are_refused_with_their_place()
    {
        var many = Enumerable.Range(0, MaterialRules.MaxPerSession + 1).Select(i => (MaterialLinkInput?)new MaterialLinkInput("code", "", $"https://example.org/{i}")).ToList();
        var v = new Validator();
        Assert.Null(MaterialRules.Links(new MaterialLinksInput(many), v));
        Assert.True(v.Errors.ContainsKey("links"));

        v = new Validator();
        Assert.Null(MaterialRules.Links(new MaterialLinksInput([new("recording", "Video", "https://example.org/v"), null, new("slides", "", "javascript:x"), new("talk", "", "https://example.org")]), v));
        Assert.True(v.Errors.ContainsKey("links[1]"));
        Assert.True(v.Errors.ContainsKey("links[2].url"));
        Assert.True(v.Errors.ContainsKey("links[3].kind"));
        Assert.False(v.Errors.ContainsKey("links[0].url"));
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\ada\\My talk (final).pptx", "pdf", "My-talk-final.pdf")]
    [InlineData("\"; filename=evil.html", "odp", "filename-evil.odp")]
    [InlineData("", "pdf", "slides.pdf")]
    [InlineData("スライド.pdf", "pdf", "slides.pdf")]
    public void Download_names_keep_safe_characters_and_the_real_extension(string claimed, string extension, string expected) =>
        Assert.Equal(expected, MaterialRules.DownloadName(claimed, extension));
}

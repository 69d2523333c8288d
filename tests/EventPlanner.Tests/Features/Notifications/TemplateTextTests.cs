using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Notifications;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class TemplateTextTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["recipient_name"] = "Ana [click](http://evil.example) _Lee_",
        ["link"] = "https://events.example.org/account/confirm?userId=1&token=a_b%2Fc",
    };

    [Fact]
    public void Values_are_text_in_the_body_and_links_become_autolinks()
    {
        var body = TemplateText.RenderBody("Hello {recipient_name}, open {link}", Values);

        Assert.Equal(@"Hello Ana \[click\]\(http://evil\.example\) \_Lee\_, open <https://events.example.org/account/confirm?userId=1&token=a_b%2Fc>", body);
        Assert.Equal("Hello Ana [click](http://evil.example) _Lee_, open https://events.example.org/account/confirm?userId=1&token=a_b%2Fc",
            TemplateText.ToPlainText(body));
    }

    [Fact]
    public void Double_braces_are_literal_and_unknown_names_are_reported()
    {
        Assert.Equal(["speaker_name", "link"], TemplateText.Unknown("{{recipient_name}} {speaker_name} {recipient_name} {link}", ["recipient_name"]));
        Assert.Equal("{recipient_name} Ana", TemplateText.RenderSubject("{{recipient_name}} {x}", new Dictionary<string, string> { ["x"] = "Ana" }));
        Assert.Empty(TemplateText.Placeholders("{Not A Placeholder} { spaced }"));
    }

    [Fact]
    public void A_subject_stays_on_one_line()
    {
        Assert.Equal("Hi A B", TemplateText.RenderSubject("Hi {n}", new Dictionary<string, string> { ["n"] = "A\nB" }));
    }
}

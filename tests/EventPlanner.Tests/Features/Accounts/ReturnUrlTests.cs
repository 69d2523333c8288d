using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Features.Submissions;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Features.Accounts;

/// <summary>
/// A newcomer keeps their place: the page that sent them to log in is where they land after registering, confirming
/// their address and logging in. Only same-site paths survive; anything else is dropped at every step.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class ReturnUrlTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private static Dictionary<string, string> RegisterForm(string email) => new()
    {
        ["Input.Email"] = email, ["Input.DisplayName"] = "Nur Aisyah",
        ["Input.Password"] = EventPlannerApp.Password, ["Input.ConfirmPassword"] = EventPlannerApp.Password,
    };

    [Fact]
    public async Task A_visitor_who_clicks_submit_a_proposal_registers_confirms_logs_in_and_lands_on_the_proposal_form()
    {
        await CfpKit.CreateAsync(app, "ret-cfp", closesIn: TimeSpan.FromDays(13));
        var browser = app.CreateBrowser();
        const string form = "/events/ret-cfp/proposals/new";

        var cta = (await (await browser.GetAsync("/events/ret-cfp")).HtmlAsync()).QuerySelector("[data-cta='submit']")!;
        Assert.Equal(form, cta.GetAttribute("href"));
        Assert.Contains("13 days left", cta.ParentElement!.TextContent);

        var toLogin = await browser.GetAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var login = toLogin.LocationPath()!;
        var register = (await (await browser.GetAsync(login)).HtmlAsync()).QuerySelectorAll("a[href^='/account/register']").Single(a => a.TextContent == "Create an account").GetAttribute("href")!;
        Assert.Equal("/account/register?returnUrl=%2Fevents%2Fret-cfp%2Fproposals%2Fnew", register);

        var registered = await browser.PostFormAsync(register, RegisterForm("aisyah@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var sent = await (await browser.GetAsync(registered.LocationPath())).HtmlAsync();
        Assert.Equal("/account/login?returnUrl=%2Fevents%2Fret-cfp%2Fproposals%2Fnew", sent.QuerySelector("[role='status'] a")!.GetAttribute("href"));

        await app.Mail.WaitForAsync("aisyah@example.org");
        var confirmLink = app.LinkInLastMail("aisyah@example.org", "/account/confirm");
        Assert.Contains("returnUrl=%2Fevents%2Fret-cfp%2Fproposals%2Fnew", confirmLink);
        var confirmed = await (await browser.GetAsync(confirmLink)).HtmlAsync();
        var logIn = confirmed.QuerySelector("[role='status'] a")!.GetAttribute("href")!;
        Assert.Equal("/account/login?returnUrl=%2Fevents%2Fret-cfp%2Fproposals%2Fnew", logIn);

        var loggedIn = await browser.PostFormAsync(logIn, new() { ["Input.Email"] = "aisyah@example.org", ["Input.Password"] = EventPlannerApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal(form, loggedIn.LocationPath());
        var proposalForm = await browser.GetAsync(form);
        Assert.Equal(HttpStatusCode.OK, proposalForm.StatusCode);
        Assert.NotNull((await proposalForm.HtmlAsync()).QuerySelector("form[method='post']"));
    }

    [Fact]
    public async Task The_headers_log_in_link_brings_a_reader_back_to_the_page_they_were_reading()
    {
        await CfpKit.CreateAsync(app, "ret-hdr", closesIn: TimeSpan.FromDays(5));
        await app.UserAsync("header.reader@example.org");
        var browser = app.CreateBrowser();
        const string here = "/events/ret-hdr?view=all";

        var header = (await (await browser.GetAsync(here)).HtmlAsync()).QuerySelector("header nav")!;
        var logIn = header.QuerySelectorAll("a").Single(a => a.TextContent == "Log in").GetAttribute("href")!;
        Assert.Equal("/account/login?returnUrl=%2Fevents%2Fret-hdr%3Fview%3Dall", logIn);
        Assert.Equal("/account/register?returnUrl=%2Fevents%2Fret-hdr%3Fview%3Dall",
            header.QuerySelectorAll("a").Single(a => a.TextContent == "Register").GetAttribute("href"));

        var loggedIn = await browser.PostFormAsync(logIn, new() { ["Input.Email"] = "header.reader@example.org", ["Input.Password"] = EventPlannerApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal(here, loggedIn.Headers.Location!.OriginalString);

        // On the home page and the account pages themselves there is nowhere to come back to.
        var home = (await (await app.CreateBrowser().GetAsync("/")).HtmlAsync()).QuerySelector("header nav")!;
        Assert.Equal("/account/login", home.QuerySelectorAll("a").Single(a => a.TextContent == "Log in").GetAttribute("href"));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("http:evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_address_off_the_site_is_dropped_at_every_step(string evil)
    {
        var q = Uri.EscapeDataString(evil);
        var email = $"evil{Math.Abs(evil.GetHashCode())}@example.org";

        var registerPage = await app.CreateBrowser().GetStringAsync($"/account/register?returnUrl={q}");
        Assert.DoesNotContain("evil.example", registerPage);
        Assert.DoesNotContain("alert(1)", registerPage);
        var loginPage = await app.CreateBrowser().GetStringAsync($"/account/login?returnUrl={q}");
        Assert.DoesNotContain("evil.example", loginPage);

        var browser = app.CreateBrowser();
        var registered = await browser.PostFormAsync($"/account/register?returnUrl={q}", RegisterForm(email), getUrl: "/account/register");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.DoesNotContain("evil", registered.LocationPath());
        await app.Mail.WaitForAsync(email);
        Assert.DoesNotContain("evil", app.Mail.LastTo(email).TextBody);
        var confirm = app.LinkInLastMail(email, "/account/confirm");
        var confirmed = await browser.GetStringAsync($"{confirm}&returnUrl={q}");
        Assert.DoesNotContain("evil.example", confirmed);

        var loggedIn = await browser.PostFormAsync($"/account/login?returnUrl={q}", new() { ["Input.Email"] = email, ["Input.Password"] = EventPlannerApp.Password },
            getUrl: "/account/login");
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Equal("/", loggedIn.LocationPath());
    }

    [Fact]
    public async Task The_event_page_offers_a_ticket_while_on_sale_and_no_proposal_once_the_call_closed()
    {
        var cfp = await CfpKit.CreateAsync(app, "ret-closed", closesIn: TimeSpan.FromHours(-1));
        var anonymous = app.CreateBrowser();
        var page = await (await anonymous.GetAsync("/events/ret-closed")).HtmlAsync();
        Assert.Null(page.QuerySelector("[data-cta='submit']"));
        Assert.Null(page.QuerySelector("[data-cta='tickets']"));

        (await cfp.Organiser.PostAsJsonAsync("/api/events/ret-closed/ticket-types", new
        {
            name = "Community", quota = 100, price = 0, currency = "MYR", requiresApproval = false, transferability = "transferable", perOrderLimit = 1,
        })).EnsureSuccessStatusCode();
        // Anonymous event pages are cached per data version and minute; a new ticket type shows from the next minute.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        page = await (await app.CreateBrowser().GetAsync("/events/ret-closed")).HtmlAsync();
        Assert.Equal("/events/ret-closed/tickets", page.QuerySelector("[data-cta='tickets']")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("[data-cta='submit']"));
    }
}

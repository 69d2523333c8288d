using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;

namespace EventPlanner.Tests.Pages;

/// <summary>
/// Issue 14, in the HTML the server sends: what lets every page fit a phone without script. The browser test
/// PageFitCrawlTests measures the pages themselves.
/// </summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class LayoutFitTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task The_signed_in_header_offers_inbox_name_and_log_out_in_a_phone_menu_that_needs_no_script()
    {
        await app.CreateUserAsync("layout-fit@example.org", "Layla Fit");
        var browser = await app.SignInAsync("layout-fit@example.org");

        var html = await (await browser.GetAsync("/api-docs")).HtmlAsync();

        var menu = html.QuerySelector("header details.site-menu")!;
        Assert.NotNull(menu.QuerySelector("summary"));
        Assert.NotNull(menu.QuerySelector("a[href='/inbox']"));
        Assert.Contains("Layla Fit", menu.QuerySelector("a[href='/account/profile']")!.TextContent);
        Assert.NotNull(menu.QuerySelector("form[action='/account/logout'] button"));
        Assert.Empty(html.QuerySelectorAll("script")); // the API reference stays script-free with the menu
    }

    [Fact]
    public async Task Every_table_sits_in_a_labelled_focusable_region_that_scrolls_on_its_own()
    {
        await app.CreateUserAsync("layout-organiser@example.org", "Olga Organiser");
        await app.CreateEventAsync("layout-fit", "layout-organiser@example.org");
        var browser = await app.SignInAsync("layout-organiser@example.org");

        var html = await (await browser.GetAsync("/events/layout-fit/manage/team")).HtmlAsync();

        var tables = html.QuerySelectorAll("main table");
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var box = table.ParentElement!;
            Assert.True(box.ClassList.Contains("table-scroll"), box.OuterHtml[..Math.Min(120, box.OuterHtml.Length)]);
            Assert.Equal(("0", "region"), (box.GetAttribute("tabindex"), box.GetAttribute("role")));
            Assert.False(string.IsNullOrEmpty(box.GetAttribute("aria-label") ?? box.GetAttribute("aria-labelledby")));
        }
    }
}

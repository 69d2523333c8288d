using System.Net;
using Dapper;
using EventPlanner.Tests.Features.Events;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Dashboard;

/// <summary>A to-do's link leads to the page where it is done, and doing it there takes it off the dashboard.</summary>
[Trait("Engine", "Both")] // runs in the PostgreSQL pass too (issue 19)
public sealed class DashboardToDoTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public async Task Releasing_the_held_mail_from_its_to_do_link_takes_it_off_the_dashboard()
    {
        var data = await app.SeedDemoAsync();
        var slug = data.Event!.Slug;
        var organiser = await app.SignInDemoAsync(data, data.Organisers[0].Email!);

        var before = await (await organiser.GetAsync($"/events/{slug}/dashboard")).HtmlAsync();
        var held = before.QuerySelector("[data-todo='heldMail']")!;
        var link = held.QuerySelector("a")!.GetAttribute("href")!;
        await using (var c = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            Assert.Equal(await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM notifications WHERE event_id = @id AND state = 'held'", new { id = data.Event.Id }),
                int.Parse(held.GetAttribute("data-count")!));
        }

        var released = await organiser.PostFormAsync($"{link}?handler=ReleaseAll", new(), getUrl: link);
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);

        var after = await (await organiser.GetAsync($"/events/{slug}/dashboard")).HtmlAsync();
        Assert.Null(after.QuerySelector("[data-todo='heldMail']"));
        // The other to-dos are still there: only what was done went away.
        Assert.Equal(before.QuerySelectorAll("[data-todo]").Length - 1, after.QuerySelectorAll("[data-todo]").Length);
    }
}

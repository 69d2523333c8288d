using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Pages.Events;

/// <summary>The event form as the browser posts it: strings, so nothing fails in binding and every message comes from EventRules.</summary>
public sealed class EventForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
    public string? TimeZone { get; set; }
    public string? Venue { get; set; }
    public string? Description { get; set; }
    public bool IsPublic { get; set; } = true;
    public string? ParentSlug { get; set; }

    public EventInput AsInput() => new(Slug, Name, Description, Venue, TimeZone, StartsOn, EndsOn, IsPublic, ParentSlug);

    /// <summary>Events the user organises, the only ones a new or edited event may sit under (the store checks again).</summary>
    public static async Task<IReadOnlyList<EventRow>> ParentOptionsAsync(EventStore events, long userId, string? except = null) =>
        (await events.ListForUserAsync(userId))
            .Where(x => x.Role == EventRoles.Organiser && x.Event.Slug != except)
            .Select(x => x.Event)
            .ToList();

    public static EventForm From(EventRow e)
    {
        var i = e.AsInput();
        return new EventForm
        {
            Slug = i.Slug, Name = i.Name, StartsOn = i.StartsOn, EndsOn = i.EndsOn, TimeZone = i.TimeZone,
            Venue = i.Venue, Description = i.Description, IsPublic = e.IsPublic, ParentSlug = i.ParentSlug,
        };
    }
}

/// <summary>What the shared event fields partial needs from the page that shows it.</summary>
public interface IEventFormPage
{
    EventForm Input { get; }

    /// <summary>Events the user organises, which this one may sit under.</summary>
    IReadOnlyList<EventRow> ParentOptions { get; }

    /// <summary>Only a new event chooses its slug; afterwards it is the event's permanent address.</summary>
    bool SlugEditable { get; }
}

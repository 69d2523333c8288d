using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Pages.Events.Manage;

/// <summary>Model of the manage pages' shared navigation.</summary>
public sealed record ManageNav(EventRow Event, string Current);

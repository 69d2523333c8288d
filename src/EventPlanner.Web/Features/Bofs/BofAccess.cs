using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Bofs;

/// <summary>The event behind a BoF page or endpoint, and whether the reader organises it (see <see cref="EventVisibility"/>).</summary>
public sealed class BofAccess(EventStore events, EventAccess access) : EventVisibility(events, access);

using Dapper;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Events;

namespace EventPlanner.Web.Features.Privacy;

/// <summary>
/// The privacy page of one event, generated from what the event actually uses (a call for papers, tickets, social
/// events…) and its retention setting, so it cannot drift from the settings the way a hand-written notice does.
/// </summary>
public sealed class PrivacyNotices(Db db, RetentionStore retention)
{
    private sealed record Uses
    {
        public bool Cfp { get; init; }
        public bool Tickets { get; init; }
        public bool Schedule { get; init; }
        public bool Social { get; init; }
        public bool Bofs { get; init; }
        public bool Lightning { get; init; }
        public bool Community { get; init; }
        public bool Webhooks { get; init; }
    }

    public async Task<PrivacyNotice> ForAsync(EventRow e, CancellationToken ct = default)
    {
        Uses uses;
        await using (var c = await db.OpenAsync(ct))
        {
            uses = await c.QuerySingleAsync<Uses>("""
                SELECT EXISTS (SELECT 1 FROM cfp_settings WHERE event_id = @Id) AS cfp,
                       EXISTS (SELECT 1 FROM ticket_types WHERE event_id = @Id) AS tickets,
                       EXISTS (SELECT 1 FROM schedule_releases WHERE event_id = @Id) AS schedule,
                       EXISTS (SELECT 1 FROM social_events WHERE event_id = @Id) AS social,
                       EXISTS (SELECT 1 FROM bof_settings WHERE event_id = @Id) OR EXISTS (SELECT 1 FROM bofs WHERE event_id = @Id) AS bofs,
                       EXISTS (SELECT 1 FROM lightning_sessions WHERE event_id = @Id) AS lightning,
                       EXISTS (SELECT 1 FROM community_groups WHERE event_id = @Id) AS community,
                       EXISTS (SELECT 1 FROM webhook_endpoints WHERE event_id = @Id AND active = TRUE) AS webhooks
                """, new { e.Id });
        }
        var setting = await retention.GetAsync(e.Id, ct);
        var anonymiseOn = RetentionRules.AnonymiseOn(e.EndsOn, setting);
        var kept = setting.AnonymisedOn is { } done
            ? $"Anonymised on {done:yyyy-MM-dd}: only counts remain."
            : $"Until {anonymiseOn:yyyy-MM-dd} ({setting.Days} days after the event's last day), then anonymised; counts remain.";
        var sections = new List<PrivacySection>
        {
            new("Your account", "Your e-mail address, display name and password (stored as a hash); your roles in this event.",
                "You; the organisers see your name and address where you take part.", "Until you delete your account."),
        };
        if (uses.Cfp)
            sections.Add(new("Call for papers", "Your speaker profile (name, bio, affiliation, links, photo), proposals with their history, and answers to the organisers' questions.",
                "The organisers; reviewers see proposals (without your name when review is anonymous); the public sees accepted talks and the profile of their speakers.",
                "Until you delete your account. An accepted, scheduled talk stays on the schedule with the speaker shown as \"Former speaker\" and no bio; proposals that were never accepted are deleted with the account."));
        if (uses.Tickets)
            sections.Add(new("Tickets and check-in", "Your ticket, badge name, T-shirt size, dietary needs, transfers, place on the waiting list and when you checked in.",
                "The organisers and their check-in volunteers (at the door: your badge name).", kept));
        if (uses.Schedule)
            sections.Add(new("Personal agenda", "The sessions you star and your private calendar link.", "Only you; organisers see how many people starred a session, never who.", kept));
        if (uses.Social)
            sections.Add(new("Social events", "Your reply, guests, and dietary and accessibility needs.", "The organisers (and the venue, as a head count and a list of needs).", kept));
        if (uses.Bofs)
            sections.Add(new("Birds of a feather", "BoFs you propose and those you mark interest in.", "The public sees a BoF's title and proposer; interest is shown as a count.", "Until you delete your account."));
        if (uses.Lightning)
            sections.Add(new("Lightning talks", "Your talk's title, description and slides.", "The organisers; the public sees the line-up once it is locked.", "Until you delete your account."));
        if (uses.Community)
            sections.Add(new("Community rooms", "The groups you host and the contacts they give.", "The organisers; the public sees the group and its sessions.", "Until you delete your account; your name is removed from the group's contacts."));
        sections.Add(new("Mail", "The messages this event sends you (the mail log).", "The organisers see that a message was sent and whether it was delivered.", kept));
        if (uses.Webhooks)
            sections.Add(new("Webhooks", "Nothing about attendees: the organisers' webhooks send schedule changes with speakers' public names, as the public schedule shows them.",
                "The systems the organisers connected.", "The delivery log keeps a speaker's name until the speaker deletes their account."));
        return new PrivacyNotice(e.Slug, e.Name, setting.Days, anonymiseOn, setting.AnonymisedOn is not null, sections);
    }
}

/// <summary>What the privacy page and its API say for one event.</summary>
public sealed record PrivacyNotice(string Slug, string EventName, int RetentionDays, DateOnly AnonymiseOn, bool Anonymised, IReadOnlyList<PrivacySection> Sections);

public sealed record PrivacySection(string Heading, string Collected, string WhoSees, string Kept);

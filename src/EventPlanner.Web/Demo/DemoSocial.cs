using EventPlanner.Web.Features.Social;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Demo;

/// <summary>
/// The speakers' dinner the evening before the demo event: confirmed speakers, the team and two hand-picked attendees
/// invited; replies with guests and dietary needs, a no, one on the waiting list (the restaurant seats five) and
/// some without a reply yet. Runs once (it stops when the event has a social event).
/// </summary>
public sealed class DemoSocial : IDemoPart
{
    public async Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct)
    {
        var e = data.RequireEvent();
        var store = services.GetRequiredService<SocialStore>();
        if ((await store.ListAsync(e.Id, publicOnly: false, ct)).Count > 0 || data.Attendees.Count < 2) return;

        var v = new Validator();
        var values = SocialRules.ValidateEvent(new SocialEventInput("Speakers' dinner",
            "Thank you for speaking! Malaysian and Nyonya dishes, vegetarian options on every table.", "Restoran Rebung, Bukit Damansara",
            e.StartsOn.AddDays(-1).ToString("yyyy-MM-dd"), "19:30", "22:30", 5, 1, false, false), e, v) ?? throw Failed(v);
        var dinner = await store.CreateAsync(e, values, ct);
        data.CountAdded();

        var invitations = services.GetRequiredService<SocialInvitations>();
        var invite = SocialRules.ValidateInvite(new SocialInviteInput([SocialRules.SpeakersGroup, SocialRules.TeamGroup],
            [data.Attendees[0].Email, data.Attendees[1].Email]), v) ?? throw Failed(v);
        var sent = await invitations.InviteAsync(e, dinner.Id, invite, ct);
        data.CountAdded(sent!.Invited);

        var rsvps = services.GetRequiredService<SocialRsvps>();
        SocialRsvpInput[] replies =
        [
            new(true, 1, "Vegetarian", ""),
            new(false, 0, "", ""),
            new(true, 0, "Halal", "Step-free access, please (wheelchair)"),
            new(true, 0, "vegetarian", ""),
            new(true, 1, "No nuts (allergy)", ""), // the fifth and sixth seat are one short: the waiting list
        ];
        var invited = await invitations.ListAsync(dinner.Id, ct);
        foreach (var (reply, (row, _)) in replies.Zip(invited))
        {
            if (await rsvps.RespondAsync(row.Token, reply, v, ct) is null || v.HasErrors) throw Failed(v);
        }
    }

    private static InvalidOperationException Failed(Validator v) =>
        new("Demo social events: " + string.Join("; ", v.Errors.SelectMany(x => x.Value)));
}

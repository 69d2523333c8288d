using System.Net;
using System.Net.Http.Json;
using EventPlanner.Tests.Features.Notifications;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Data;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Notifications.Reminders;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Submissions;

/// <summary>The call for papers tells people through the outbox: in the transaction of the change, once per recipient, into their inbox.</summary>
[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed partial class SubmissionNoticesTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    private async Task<long> UserIdAsync(string email) => (await app.Services.GetRequiredService<UserQueries>().FindByEmailAsync(email))!.Id;

    private async Task<EventRow> EventAsync(CfpEvent e) => (await app.Services.GetRequiredService<EventStore>().FindAsync(e.Slug))!;

    private static async Task<List<InboxItem>> InboxAsync(HttpClient user) => (await user.GetFromJsonAsync<List<InboxItem>>("/api/me/inbox"))!;

    [Fact]
    public async Task A_receipt_is_queued_once_per_speaker_in_the_submitting_transaction_and_lands_in_each_inbox()
    {
        var e = await CfpKit.CreateAsync(app, "notice-receipt");
        var main = await app.CreateApiClientAsync("notice-main@example.org");
        var co = await app.CreateApiClientAsync("notice-co@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Mesh networks"))).ReadProposalAsync();
        await main.PostAsJsonAsync($"{e.Api}/proposals/{draft.Id}/co-speakers", new { email = "notice-co@example.org" });
        var token = CoSpeakerToken().Match((await app.Mail.WaitForAsync("notice-co@example.org", "co-present")).TextBody).Groups[1].Value;
        (await co.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token })).EnsureSuccessStatusCode();
        Assert.Empty(await app.OutboxAsync($"proposal-submitted:{draft.Id}:"));

        var submitted = await main.PostAsync($"{e.Api}/proposals/{draft.Id}/submit", null);
        var retried = await main.PostAsync($"{e.Api}/proposals/{draft.Id}/submit", null); // a double click

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, retried.StatusCode);
        var rows = await app.OutboxAsync($"proposal-submitted:{draft.Id}:");
        Assert.Equal([await UserIdAsync("notice-main@example.org"), await UserIdAsync("notice-co@example.org")], rows.Select(r => r.UserId!.Value).Order());
        Assert.All(rows, r => Assert.Equal(SubmissionNotificationKinds.ProposalSubmitted.Name, r.Kind));
        var mail = await app.Mail.WaitForAsync("notice-co@example.org", "Proposal received: Mesh networks");
        Assert.Contains($"http://localhost/events/{e.Slug}/proposals/{draft.Id}", mail.TextBody);
        Assert.Contains(await InboxAsync(main), i => i.Subject == "Proposal received: Mesh networks");
        Assert.Contains(await InboxAsync(co), i => i.Subject == "Proposal received: Mesh networks");

        // Writing the same fact again, as a retried job would, adds nothing.
        var notices = app.Services.GetRequiredService<SubmissionNotices>();
        var ev = await EventAsync(e);
        var queued = await app.Services.GetRequiredService<Outbox>().WriteWithNoticesAsync(async (c, tx, batch) =>
        {
            await notices.ProposalSubmittedAsync(c, tx, batch, ev, draft.Id);
            return batch.Queued;
        });
        Assert.Equal(0, queued);
        Assert.Equal(2, (await app.OutboxAsync($"proposal-submitted:{draft.Id}:")).Count);
    }

    [Fact]
    public async Task A_submission_refused_after_the_deadline_queues_nothing()
    {
        var e = await CfpKit.CreateAsync(app, "notice-late", closesIn: TimeSpan.FromHours(1));
        var speaker = await app.CreateApiClientAsync("notice-late@example.org");
        var draft = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e))).ReadProposalAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));

        var submit = await speaker.PostAsync($"{e.Api}/proposals/{draft.Id}/submit", null);
        var created = await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Too late", submit: true));

        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var userId = await UserIdAsync("notice-late@example.org");
        Assert.DoesNotContain(await app.OutboxAsync("proposal-submitted:"), r => r.UserId == userId);
    }

    [Fact]
    public async Task A_notice_written_in_a_transaction_that_rolls_back_is_gone_with_it()
    {
        var e = await CfpKit.CreateAsync(app, "notice-rollback");
        var speaker = await app.CreateApiClientAsync("notice-rollback@example.org");
        var p = await (await speaker.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: true))).ReadProposalAsync();
        await app.Mail.WaitForAsync("notice-rollback@example.org", "Proposal received");
        var notices = app.Services.GetRequiredService<SubmissionNotices>();
        OutboxBatch? batch = null;
        var ev = await EventAsync(e);

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<Outbox>().WriteWithNoticesAsync(async (c, tx, written) =>
        {
            batch = written;
            await notices.EditedByOrganiserAsync(c, tx, batch, ev, p.Id, 99, await UserIdAsync($"org-{e.Slug}@example.org"));
            throw new InvalidOperationException("the change failed after its notice was written");
        }));

        Assert.Equal(1, batch!.Queued); // it was written...
        Assert.Empty(await app.OutboxAsync($"proposal-edited:{p.Id}:")); // ...and rolled back with the change
    }

    [Fact]
    public async Task An_invitation_to_an_address_without_an_account_goes_by_mail_only_and_its_link_is_wiped_once_sent()
    {
        var e = await CfpKit.CreateAsync(app, "notice-invite");
        var main = await app.CreateApiClientAsync("notice-inviter@example.org");
        var draft = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Maps for all"))).ReadProposalAsync();

        (await main.PostAsJsonAsync($"{e.Api}/proposals/{draft.Id}/co-speakers", new { email = "No.Account@example.org" })).EnsureSuccessStatusCode();

        var mail = await app.Mail.WaitForAsync("no.account@example.org", "invites you to co-present \"Maps for all\"");
        var token = CoSpeakerToken().Match(mail.TextBody).Groups[1].Value;
        Assert.True(token.Length >= 40);
        Assert.Contains("only for No.Account@example.org", mail.TextBody);
        var row = Assert.Single(await app.OutboxAsync("cospeaker-invited:"), r => r.ToAddress == "No.Account@example.org");
        Assert.Null(row.UserId);
        Assert.False(row.InInbox);
        await NotificationTestKit.WaitUntilAsync(async () => (await app.RowAsync(row.Id)).State == NotificationStates.Sent, "the invitation is recorded as sent");
        var sent = await app.RowAsync(row.Id);
        Assert.Equal("{}", sent.Payload);
        Assert.DoesNotContain(token, sent.Body);

        // The invitee signs up with that address and the mailed link still works.
        var invitee = await app.CreateApiClientAsync("no.account@example.org");
        Assert.Equal(HttpStatusCode.OK, (await invitee.PostAsJsonAsync("/api/co-speaker-invitations/accept", new { token })).StatusCode);
        Assert.DoesNotContain(await InboxAsync(invitee), i => i.Kind == SubmissionNotificationKinds.CoSpeakerInvited.Name);
    }

    [Fact]
    public async Task An_invitation_to_a_member_and_an_organisers_edit_reach_their_inboxes()
    {
        var e = await CfpKit.CreateAsync(app, "notice-member");
        var main = await app.CreateApiClientAsync("notice-author@example.org");
        var member = await app.CreateApiClientAsync("notice-member@example.org");
        var p = await (await main.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Linux on phones", submit: true))).ReadProposalAsync();

        (await main.PostAsJsonAsync($"{e.Api}/proposals/{p.Id}/co-speakers", new { email = "notice-member@example.org" })).EnsureSuccessStatusCode();
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}/organiser", CfpKit.Proposal(e, title: "Mainline Linux on phones"))).EnsureSuccessStatusCode();
        (await e.Organiser.PutAsJsonAsync($"{e.Api}/proposals/{p.Id}/organiser", CfpKit.Proposal(e, title: "Mainline Linux on phones in 2027"))).EnsureSuccessStatusCode();

        var invitation = Assert.Single(await InboxAsync(member), i => i.Kind == SubmissionNotificationKinds.CoSpeakerInvited.Name);
        Assert.Equal("notice-author invites you to co-present \"Linux on phones\" at Event notice-member", invitation.Subject);
        await app.Mail.WaitForAsync("notice-author@example.org", "edited your proposal: Mainline Linux on phones in 2027");
        // Each edit is its own fact: two edits, two notices; the author's inbox has both.
        Assert.Equal(2, (await InboxAsync(main)).Count(i => i.Kind == SubmissionNotificationKinds.ProposalEditedByOrganiser.Name));
        Assert.Equal(2, (await app.OutboxAsync($"proposal-edited:{p.Id}:")).Count);
    }

    [Fact]
    public async Task Speakers_with_drafts_are_reminded_once_three_days_before_the_call_closes()
    {
        var e = await CfpKit.CreateAsync(app, "notice-closing", closesIn: TimeSpan.FromDays(5));
        var drafter = await app.CreateApiClientAsync("notice-drafter@example.org");
        var done = await app.CreateApiClientAsync("notice-done@example.org");
        await drafter.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Half-written talk"));
        await drafter.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Another idea"));
        await done.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, title: "Finished talk", submit: true));
        var reminders = app.Services.GetRequiredService<ReminderJob>();
        var prefix = $"cfp-closing:{(await EventAsync(e)).Id}:";

        await reminders.RunAsync(CancellationToken.None);
        Assert.Empty(await app.OutboxAsync(prefix)); // five days out: not yet

        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        await reminders.RunAsync(CancellationToken.None);
        await reminders.RunAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await reminders.RunAsync(CancellationToken.None);

        var row = Assert.Single(await app.OutboxAsync(prefix));
        Assert.Equal(await UserIdAsync("notice-drafter@example.org"), row.UserId);
        var mail = await app.Mail.WaitForAsync("notice-drafter@example.org", "your draft proposal is not submitted yet");
        Assert.Contains("“Half-written talk”, “Another idea”", mail.TextBody);
        Assert.Contains(CfpKit.Describe(e.ClosesAt), mail.TextBody);
        Assert.NotNull(mail.UnsubscribeUrl); // a reminder is optional mail
        Assert.Contains(await InboxAsync(drafter), i => i.Kind == SubmissionNotificationKinds.CfpClosingReminder.Name);

        app.Clock.Advance(TimeSpan.FromDays(2)); // past the deadline: nothing more
        await reminders.RunAsync(CancellationToken.None);
        Assert.Single(await app.OutboxAsync(prefix));
    }

    [Fact]
    public async Task Speakers_and_accepted_speakers_are_bulk_mail_groups()
    {
        var e = await CfpKit.CreateAsync(app, "notice-groups");
        var ev = await EventAsync(e);
        var emails = new[] { "grp-accepted@example.org", "grp-hidden@example.org", "grp-submitted@example.org", "grp-draft@example.org", "grp-withdrawn@example.org" };
        var ids = new Dictionary<string, long>();
        var proposals = new Dictionary<string, long>();
        foreach (var email in emails)
        {
            var client = await app.CreateApiClientAsync(email);
            ids[email] = await UserIdAsync(email);
            proposals[email] = (await (await client.PostAsJsonAsync($"{e.Api}/proposals", CfpKit.Proposal(e, submit: email != "grp-draft@example.org"))).ReadProposalAsync()).Id;
            if (email == "grp-withdrawn@example.org") (await client.PostAsync($"{e.Api}/proposals/{proposals[email]}/withdraw", null)).EnsureSuccessStatusCode();
        }
        var db = app.Services.GetRequiredService<Db>();
        await DemoProposalStates.SetAsync(db, proposals["grp-accepted@example.org"], ProposalStates.Accepted, ProposalStates.Accepted);
        await DemoProposalStates.SetAsync(db, proposals["grp-hidden@example.org"], ProposalStates.Accepted, ProposalStates.Submitted); // decided, not yet announced
        var bulk = app.Services.GetRequiredService<BulkMail>();
        var source = app.Services.GetServices<IAudienceSource>().OfType<SpeakerAudienceSource>().Single();

        var options = (await bulk.OptionsAsync(ev.Id)).Select(o => o.Key).ToList();
        var all = await source.MembersAsync(ev.Id, SpeakerAudienceSource.All);
        var accepted = await source.MembersAsync(ev.Id, SpeakerAudienceSource.Accepted);

        Assert.Contains(SpeakerAudienceSource.All, options);
        Assert.Contains(SpeakerAudienceSource.Accepted, options);
        Assert.Equal(new[] { "grp-accepted@example.org", "grp-hidden@example.org", "grp-submitted@example.org" }.Select(x => ids[x]).Order(), all!);
        Assert.Equal([ids["grp-accepted@example.org"]], accepted!);
        Assert.Null(await source.MembersAsync(ev.Id, "team"));
        var v = new EventPlanner.Web.Infrastructure.Validator();
        Assert.Equal(1, await bulk.QueueAsync(ev.Id, SpeakerAudienceSource.Accepted, "See you soon", "Hello {recipient_name}!", ids["grp-accepted@example.org"], v));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"token=([A-Za-z0-9_\-%]+)")]
    private static partial System.Text.RegularExpressions.Regex CoSpeakerToken();
}

using EventPlanner.Web.Features.Tickets;
using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Tests.Features.Tickets;

[Trait("Engine", "Both")] // no database: the same on either engine, in both passes so each runs the whole suite (issue 19)
public sealed class TicketRulesTests
{
    private static TicketRow Ticket(string transferability = TicketRules.Transferable, int? deadlineDays = 7, string status = "valid", long? speaker = null) => new()
    {
        Id = 1, EventStartsOn = new DateOnly(2027, 1, 20), EventTimeZone = "Asia/Kuala_Lumpur", Transferability = transferability,
        TransferDeadlineDays = deadlineDays, CancelDeadlineDays = deadlineDays, Status = status, SpeakerUserId = speaker,
    };

    [Fact]
    public void The_transfer_deadline_counts_days_before_the_start_of_the_first_day_in_the_event_zone()
    {
        // Midnight 20 Jan in Kuala Lumpur (UTC+8) is 16:00 UTC on 19 Jan; seven days earlier is 12 Jan 16:00 UTC.
        var deadline = TicketRules.Deadline(new DateOnly(2027, 1, 20), "Asia/Kuala_Lumpur", 7);

        Assert.Equal(new DateTimeOffset(2027, 1, 12, 16, 0, 0, TimeSpan.Zero), deadline);
        Assert.Null(TicketRules.TransferRefusal(Ticket(), deadline.AddMinutes(-1)));
        Assert.Contains("closed", TicketRules.TransferRefusal(Ticket(), deadline));
    }

    [Fact]
    public void Non_transferable_speaker_and_unconfirmed_tickets_cannot_be_transferred()
    {
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.NotNull(TicketRules.TransferRefusal(Ticket(TicketRules.NotTransferable), now));
        Assert.NotNull(TicketRules.TransferRefusal(Ticket(speaker: 5), now));
        Assert.NotNull(TicketRules.TransferRefusal(Ticket(status: "pending"), now));
        Assert.NotNull(TicketRules.TransferRefusal(Ticket() with { CheckedInAt = now }, now));
        Assert.Null(TicketRules.TransferRefusal(Ticket(TicketRules.TransferableWithApproval), now));
    }

    [Fact]
    public void A_transfer_offer_lasts_its_lifetime_but_never_past_the_deadline()
    {
        var deadline = TicketRules.Deadline(new DateOnly(2027, 1, 20), "Asia/Kuala_Lumpur", 7);

        Assert.Equal(deadline, TicketRules.TransferExpiry(Ticket(), deadline.AddDays(-2), TimeSpan.FromDays(7)));
        Assert.Equal(deadline.AddDays(-20), TicketRules.TransferExpiry(Ticket(), deadline.AddDays(-27), TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Ticket_type_input_is_checked_field_by_field()
    {
        var v = new Validator();
        var values = TicketRules.Validate(new TicketTypeInput("", null, 1.234m, "euros", -1, DateTimeOffset.UnixEpoch.AddDays(2), DateTimeOffset.UnixEpoch,
            11, null, "sometimes", -1, 400, null, null), v);

        Assert.Null(values);
        foreach (var field in new[] { "name", "price", "currency", "quota", "saleEndsAt", "perOrderLimit", "transferability", "transferDeadlineDays", "cancelDeadlineDays" })
        {
            Assert.True(v.Errors.ContainsKey(field), $"expected a message for {field}");
        }
    }

    [Fact]
    public void A_valid_type_keeps_its_price_in_cents_and_defaults_to_transferable()
    {
        var v = new Validator();
        var values = TicketRules.Validate(new TicketTypeInput("Regular", null, 45.5m, "myr", 100, null, null, null, null, null, null, null, null, null), v);

        Assert.False(v.HasErrors);
        Assert.Equal(4550, values!.PriceCents);
        Assert.Equal("MYR", values.Currency);
        Assert.Equal(TicketRules.Transferable, values.Transferability);
        Assert.Equal("45.50 MYR", TicketRules.FormatPrice(values.PriceCents, values.Currency));
    }

    [Fact]
    public void Attendees_need_a_badge_name_and_stay_within_the_order_limit()
    {
        var v = new Validator();
        TicketRules.ValidateAttendees([new AttendeeInput("A", "m", null), new AttendeeInput(" ", null, null), new AttendeeInput("C", null, null)], 2, v);

        Assert.Contains("attendees", v.Errors.Keys);
        Assert.Contains("attendees[1].badgeName", v.Errors.Keys);
    }

    [Theory]
    [InlineData(CheckInOutcomes.Unknown, "Unknown")]
    [InlineData(CheckInOutcomes.Revoked, "revoked")]
    [InlineData(CheckInOutcomes.Cancelled, "cancelled")]
    [InlineData(CheckInOutcomes.AlreadyCheckedIn, "already checked in at 2026-12-01 18:30")]
    [InlineData(CheckInOutcomes.Replaced, "replaced")]
    public void Check_in_refusals_say_why_in_the_event_zone(string outcome, string expected)
    {
        var when = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);
        Assert.Contains(expected, CheckInOutcomes.Describe(outcome, when, "Asia/Kuala_Lumpur"));
    }

    [Fact]
    public void Secrets_and_tokens_are_long_random_and_distinct()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => TicketSecrets.NewSecret()).ToHashSet();

        Assert.Equal(100, secrets.Count);
        Assert.All(secrets, s => Assert.True(s.Length >= 46 && TicketSecrets.LooksLikeSecret(s)));
        Assert.True(TicketSecrets.LooksLikeTransferToken(TicketSecrets.NewTransferToken()));
        Assert.False(TicketSecrets.LooksLikeSecret("42"));
    }
}

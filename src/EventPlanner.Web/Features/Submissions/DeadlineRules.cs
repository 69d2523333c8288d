namespace EventPlanner.Web.Features.Submissions;

/// <summary>What an access code grants, as the deadline rules need it.</summary>
public sealed record CodeGrant(long Id, long? SessionTypeId, DateTimeOffset? ExpiresAt, int? MaxUses, int Uses, bool AlreadyCountedForProposal)
{
    public static CodeGrant From(AccessCodeRow row, bool alreadyCounted) =>
        new(row.Id, row.SessionTypeId, row.ExpiresAt, row.MaxUses, row.Uses, alreadyCounted);

    public bool IsValidAt(DateTimeOffset now, long sessionTypeId) =>
        (SessionTypeId is null || SessionTypeId == sessionTypeId)
        && (ExpiresAt is null || now < ExpiresAt)
        && (AlreadyCountedForProposal || MaxUses is null || Uses < MaxUses);
}

public enum WindowStatus { Open, OpenLate, OpenByCode, Closed }

/// <summary>Whether speakers may write to a proposal of one type now, and if not, the words that say why.</summary>
public sealed record SubmissionWindow(WindowStatus Status, DateTimeOffset? Deadline, string? Refusal)
{
    public bool Allows => Status != WindowStatus.Closed;
    public bool IsLate => Status == WindowStatus.OpenLate;
    public bool ByCode => Status == WindowStatus.OpenByCode;
}

/// <summary>
/// The CfP deadline rules, plain code so they unit-test without a host. The deadline is the type's
/// own closing time when it has one, else the CfP's; the instant of the deadline is already closed.
/// </summary>
public static class DeadlineRules
{
    public static DateTimeOffset? DeadlineOf(CfpSettingsRow? cfp, SessionTypeRow type) => type.ClosesAt ?? cfp?.ClosesAt;

    public static SubmissionWindow Evaluate(DateTimeOffset now, CfpSettingsRow? cfp, SessionTypeRow type, TimeZoneInfo zone, CodeGrant? code = null)
    {
        var deadline = DeadlineOf(cfp, type);
        // A disabled type takes nothing, codes included: "hidden" is the setting for a type open by code only.
        if (!type.IsEnabled) return new(WindowStatus.Closed, deadline, $"The session type '{type.Name}' no longer takes proposals.");
        // A valid code opens the door whatever the dates: late submissions and invited speakers.
        if (code is not null && code.IsValidAt(now, type.Id)) return new(WindowStatus.OpenByCode, deadline, null);

        if (type.IsHidden) return new(WindowStatus.Closed, deadline, $"The session type '{type.Name}' needs an access code.");
        if (cfp?.OpensAt is not { } opens || deadline is null)
        {
            return new(WindowStatus.Closed, deadline, "This event's call for papers is not open.");
        }
        if (now < opens)
        {
            return new(WindowStatus.Closed, deadline, $"The call for papers opens on {CfpTime.Describe(opens, zone)}.");
        }
        if (now < deadline) return new(WindowStatus.Open, deadline, null);
        if (type.AcceptsLate) return new(WindowStatus.OpenLate, deadline, null);
        return new(WindowStatus.Closed, deadline,
            $"The deadline for {type.Name} proposals was {CfpTime.Describe(deadline.Value, zone)}. " +
            "If the organisers gave you an access code, enter it to submit late.");
    }

    /// <summary>Whether the CfP as a whole takes proposals now (for the public page).</summary>
    public static bool IsOpen(DateTimeOffset now, CfpSettingsRow? cfp) =>
        cfp?.OpensAt is { } opens && cfp.ClosesAt is { } closes && now >= opens && now < closes;
}

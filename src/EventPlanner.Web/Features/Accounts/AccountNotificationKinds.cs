using EventPlanner.Web.Infrastructure;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>
/// The account emails (confirm your address, reset your password): not about an event, never in the inbox, and wiped once
/// sent, since their links are one-time secrets. Registered in <c>AddAccounts()</c>.
/// </summary>
public static class AccountNotificationKinds
{
    public static readonly NotificationKind AccountConfirm = new()
    {
        Name = "account-confirm",
        Label = "Confirm your account",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "Confirm your {site_name} account",
        Body = """
            Hello {recipient_name},

            Please confirm your email address by opening this link:

            {link}

            If you did not register, ignore this message.
            """,
    };

    public static readonly NotificationKind PasswordReset = new()
    {
        Name = "password-reset",
        Label = "Reset your password",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "Reset your {site_name} password",
        Body = """
            Hello {recipient_name},

            Someone (hopefully you) asked to reset your password. Open this link to choose a new one:

            {link}

            The link works for 24 hours. If you did not ask, ignore this message.
            """,
    };

    /// <summary>
    /// Someone registered with an address that already has an account. The form answers exactly as for a new address
    /// (no account-existence oracle), and the owner hears about it here instead.
    /// </summary>
    public static readonly NotificationKind AccountExists = new()
    {
        Name = "account-exists",
        Label = "Registration with an existing address",
        EventScoped = false,
        InInbox = false,
        ScrubAfterSend = true,
        Placeholders = ["link"],
        Subject = "You already have a {site_name} account",
        Body = """
            Hello {recipient_name},

            Someone (hopefully you) tried to register a new account with this address, which already has one.
            Log in as usual; if you forgot your password, choose a new one here:

            {link}

            If it was not you, ignore this message: nothing was changed.
            """,
    };

    public static IReadOnlyList<NotificationKind> All { get; } = [AccountConfirm, PasswordReset, AccountExists];
}

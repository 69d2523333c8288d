using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>
/// The account emails: confirm your address, reset your password. They go through the outbox as
/// transactional kinds (kept, retried, visible), and are sent at once while the person waits for
/// them; if that first try fails, the outbox retries with backoff.
/// </summary>
public sealed class AccountMailer(UserManager<AppUser> users, IImmediateDelivery delivery, AppUrls urls)
{
    /// <param name="returnUrl">Where the person was going when they had to register; the caller has checked it is a local path.</param>
    public async Task SendConfirmationAsync(AppUser user, string? returnUrl = null, CancellationToken ct = default)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var back = string.IsNullOrEmpty(returnUrl) ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}";
        var link = urls.Absolute($"/account/confirm?userId={user.Id}&token={Uri.EscapeDataString(token)}{back}");
        await SendAsync(user, AccountNotificationKinds.AccountConfirm, link, ct);
    }

    public async Task SendPasswordResetAsync(AppUser user, CancellationToken ct = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}");
        await SendAsync(user, AccountNotificationKinds.PasswordReset, link, ct);
    }

    public async Task SendAccountExistsAsync(AppUser user, CancellationToken ct = default) =>
        await SendAsync(user, AccountNotificationKinds.AccountExists, urls.Absolute("/account/forgot-password"), ct);

    // Each request is its own promise (asking twice means two mails), so the key carries a fresh token.
    private async Task SendAsync(AppUser user, NotificationKind kind, string link, CancellationToken ct)
    {
        await delivery.SendNowAsync(new NotificationRequest($"{kind.Name}:{user.Id}:{Guid.NewGuid():N}", kind.Name, user.Id, null,
            new Dictionary<string, string> { ["link"] = link }), ct);
    }
}

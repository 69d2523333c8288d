using System.Net;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace EventPlanner.Web.Features.Accounts;

/// <summary>The account emails: confirm your address, reset your password.</summary>
public sealed class AccountMailer(UserManager<AppUser> users, IMailSender mail, AppUrls urls)
{
    public async Task SendConfirmationAsync(AppUser user, CancellationToken ct = default)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = urls.Absolute($"/account/confirm?userId={user.Id}&token={Uri.EscapeDataString(token)}");
        await mail.SendAsync(Compose(user, "Confirm your EventPlanner account",
            $"Hello {user.DisplayName},\n\nPlease confirm your email address by opening this link:\n\n{link}\n\nIf you did not register, ignore this message.",
            link), ct);
    }

    public async Task SendPasswordResetAsync(AppUser user, CancellationToken ct = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}");
        await mail.SendAsync(Compose(user, "Reset your EventPlanner password",
            $"Hello {user.DisplayName},\n\nSomeone (hopefully you) asked to reset your password. Open this link to choose a new one:\n\n{link}\n\nThe link works for 24 hours. If you did not ask, ignore this message.",
            link), ct);
    }

    private static OutgoingMail Compose(AppUser user, string subject, string text, string link)
    {
        var html = "<p>" + WebUtility.HtmlEncode(text).Replace("\n\n", "</p><p>").Replace(WebUtility.HtmlEncode(link),
            $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a>") + "</p>";
        return new OutgoingMail(user.Email, user.DisplayName, subject, text, html);
    }
}

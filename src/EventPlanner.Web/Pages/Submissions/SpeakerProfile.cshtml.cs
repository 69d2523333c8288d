using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Submissions;
using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages.Submissions;

/// <summary>The speaker profile, reused in every event, with an optional photo.</summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestFormLimits(MultipartBodyLengthLimit = 3 * 1024 * 1024)]
[RequestSizeLimit(3 * 1024 * 1024)]
public sealed class SpeakerProfileModel(SpeakerProfileStore profiles, SpeakerPhotos photos) : PageModel
{
    [BindProperty] public ProfileForm Input { get; set; } = new();
    [BindProperty] public IFormFile? Photo { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? PhotoUrl { get; private set; }

    public async Task OnGetAsync()
    {
        var p = await profiles.FindAsync(User.RequiredUserId());
        Input = p is null
            ? new ProfileForm { FullName = User.DisplayNameOf() }
            : new ProfileForm { FullName = p.FullName, Bio = p.Bio, Affiliation = p.Affiliation, Links = string.Join("\n", p.LinkList) };
        PhotoUrl = p?.PhotoFile is { } f ? SpeakerPhotos.Url(f) : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var v = new Validator();
        var values = SpeakerProfileRules.Validate(new SpeakerProfileInput(Input.FullName, Input.Bio, Input.Affiliation,
            (Input.Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), v);
        (string FileName, string ContentType)? photo = null;
        if (values is not null && Photo is { Length: > 0 })
        {
            await using var stream = Photo.OpenReadStream();
            photo = await photos.SaveAsync(stream, Photo.Length, v, ct);
        }
        if (values is null || v.HasErrors)
        {
            ModelState.AddErrors(v);
            PhotoUrl = (await profiles.FindAsync(userId, ct))?.PhotoFile is { } f ? SpeakerPhotos.Url(f) : null;
            return Page();
        }
        await profiles.SaveAsync(userId, values, ct);
        if (photo is { } saved)
        {
            var (_, previous) = await profiles.SetPhotoAsync(userId, saved.FileName, saved.ContentType, ct);
            photos.Delete(previous);
        }
        TempData["Flash"] = "Your speaker profile is saved.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account/speaker-profile");
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(CancellationToken ct)
    {
        var (_, previous) = await profiles.SetPhotoAsync(User.RequiredUserId(), null, null, ct);
        photos.Delete(previous);
        TempData["Flash"] = "Your photo is removed.";
        return Redirect("/account/speaker-profile");
    }

    public sealed class ProfileForm
    {
        public string? FullName { get; set; }
        public string? Bio { get; set; }
        public string? Affiliation { get; set; }
        public string? Links { get; set; }
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventPlanner.Web.Features.Accounts;

public static class IdentityErrorExtensions
{
    /// <summary>Puts Identity's messages next to the field they are about (the rest go to the form's summary).</summary>
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IEnumerable<IdentityError> errors,
        string? emailKey = null, string? passwordKey = null, string? currentPasswordKey = null)
    {
        var list = errors.ToList();
        // The email is also the user name, so Identity reports one problem twice; keep the email's wording.
        if (list.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail)))
        {
            list.RemoveAll(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName));
        }
        foreach (var error in list)
        {
            var key = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail)
                    or nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => emailKey,
                nameof(IdentityErrorDescriber.PasswordMismatch) => currentPasswordKey,
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordKey,
                _ => null,
            };
            modelState.AddModelError(key ?? "", error.Description);
        }
    }
}

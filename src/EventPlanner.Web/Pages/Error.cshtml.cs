using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken] // re-executed for failed POSTs too; it changes nothing.
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // After an exception the handler has already chosen the status (e.g. 413 for an oversized form)
        // and re-executes /error/500: keep that. Otherwise keep the status this page was reached for.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null && Response.StatusCode >= 400)
        {
            code = Response.StatusCode;
        }
        else if (code is >= 400 and < 600)
        {
            Response.StatusCode = code;
        }
        (Title, Message) = code switch
        {
            400 => ("Bad request", "The form or link was not understood. If you were submitting a form, go back, reload it and try again."),
            403 => ("Not allowed", "Your account does not have access to this page."),
            404 => ("Not found", "There is nothing at this address."),
            413 => ("Too large", "What you sent is larger than we accept."),
            414 => ("Address too long", "This link is longer than we accept. Check where it came from, or start again from the home page."),
            429 => ("Slow down", "Too many attempts from this address. Wait a minute and try again."),
            _ => ("Something went wrong", "The error was logged. Please try again in a moment."),
        };
    }
}

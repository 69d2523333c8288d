using EventPlanner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventPlanner.Web.Pages;

/// <summary>How a page's form post ends, one way for every page: field messages stay on the page, a success flashes and redirects (post/redirect/get).</summary>
public static class PageWrites
{
    /// <summary>
    /// Runs a validated write. Messages go under the form's <paramref name="prefix"/>, so a page with several forms shows
    /// each message beside its own form; only a write that added none flashes and goes <paramref name="back"/>.
    /// </summary>
    public static async Task<IActionResult> ValidatedAsync(this PageModel page, Func<Validator, Task> work, string flash, string prefix, string back)
    {
        var v = new Validator();
        await work(v);
        if (v.HasErrors)
        {
            page.ModelState.AddErrors(v, prefix);
            return page.Page();
        }
        page.TempData["Flash"] = flash;
        return new RedirectResult(back);
    }

    /// <summary>
    /// Ends an add-or-edit post whose store answered <paramref name="row"/>: with any message the form is shown again; no
    /// row and no message means the thing was removed meanwhile (404); otherwise the flash names the saved row.
    /// </summary>
    public static IActionResult Saved<T>(this PageModel page, T? row, Validator v, Func<T, string> flash, string back) where T : class
    {
        if (row is null || v.HasErrors)
        {
            if (!v.HasErrors) return page.NotFound();
            page.ModelState.AddErrors(v);
            return page.Page();
        }
        page.TempData["Flash"] = flash(row);
        return new RedirectResult(back);
    }
}

using System.ComponentModel.DataAnnotations;
using EventPlanner.Web.Features.Lightning;

namespace EventPlanner.Web.Pages.Lightning;

public sealed class SignUpForm
{
    [Display(Name = "Title of your talk")] public string? Title { get; set; }
    [Display(Name = "One-line description")] public string? Description { get; set; }
    [Display(Name = "Link to your slides (optional)")] public string? SlidesUrl { get; set; }

    public SignUpInput AsInput() => new(Title, Description, SlidesUrl);
}

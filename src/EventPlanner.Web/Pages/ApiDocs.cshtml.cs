using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EventPlanner.Web.Pages;

[AllowAnonymous]
public sealed class ApiDocsModel(IApiDescriptionGroupCollectionProvider explorer, IOptions<JsonOptions> json) : PageModel
{
    public IReadOnlyList<ApiTagDoc> Tags { get; private set; } = [];
    public IReadOnlyList<ApiTypeDoc> Types { get; private set; } = [];

    public void OnGet()
    {
        var reference = new ApiDocsReference(explorer, json.Value.SerializerOptions);
        Tags = reference.Build();
        Types = reference.Types;
    }
}

using EventPlanner.Web.Features.Webhooks;

namespace EventPlanner.Web.Pages.Webhooks;

/// <summary>The endpoint form as the browser posts it (checkboxes bind to a list).</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }
    public string? Description { get; set; }
    public List<string?> EventTypes { get; set; } = [];
    public bool Active { get; set; } = true;

    public WebhookInput AsInput(bool withActive) => new() { Url = Url ?? "", Description = Description ?? "", EventTypes = EventTypes, Active = withActive ? Active : null };

    public static WebhookForm From(WebhookEndpointRow r) => new()
    {
        Url = r.Url, Description = r.Description, EventTypes = WebhookRules.SplitTypes(r.EventTypes).Select(t => (string?)t).ToList(), Active = r.Active,
    };
}

using System.Net.Http.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Demo;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Features.Webhooks;

[Trait("Engine", "Both")]
public sealed class DemoWebhooksTests(EventPlannerAppWithJobs app) : IClassFixture<EventPlannerAppWithJobs>
{
    [Fact]
    public async Task The_demo_has_a_disabled_endpoint_with_a_delivery_log_of_old_and_new_types_and_sends_nothing()
    {
        app.CreateClient();
        await DemoSeeder.SeedAsync(app.Services);
        Assert.Equal(0, (await DemoSeeder.SeedAsync(app.Services)).Added);
        var organiser = await app.CreateApiClientAsync("aisyah@demo.example.org");
        var api = $"/api/events/{DemoEvent.Slug}/webhooks";

        var endpoint = Assert.Single((await organiser.GetFromJsonAsync<List<WebhookEndpointResponse>>(api))!);
        Assert.False(endpoint.Active);
        Assert.EndsWith(".invalid", new Uri(endpoint.Url).Host);
        var log = (await organiser.GetFromJsonAsync<List<WebhookDeliveryResponse>>($"{api}/deliveries"))!;
        Assert.Equal(["delivered", "delivered", "failed", "pending"], log.Select(d => d.State).Order());
        // It listens to every type, the later ones too, and its log shows the demo's BoF booking as bof.booked.
        Assert.Equal(WebhookEventTypes.All.Select(t => t.Name), endpoint.EventTypes);
        var booked = await organiser.GetFromJsonAsync<WebhookDeliveryResponse>($"{api}/deliveries/{log.Single(d => d.EventType == WebhookEventTypes.BofBooked).Id}");
        Assert.Equal(("delivered", 200), (booked!.State, booked.AttemptLog!.Single().Status ?? 0));
        var failed = await organiser.GetFromJsonAsync<WebhookDeliveryResponse>($"{api}/deliveries/{log.Single(d => d.State == "failed").Id}");
        Assert.Equal([502, 502, 502], failed!.AttemptLog!.Select(a => a.Status ?? 0));

        // A drain leaves the disabled endpoint's delivery waiting, and resending it is refused until it is enabled.
        app.Services.GetRequiredService<IWebhookDispatcher>().Kick();
        await Task.Delay(1500);
        Assert.Equal(0, (await organiser.GetFromJsonAsync<WebhookDeliveryResponse>($"{api}/deliveries/{log.Single(d => d.State == "pending").Id}"))!.Attempts);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await organiser.PostAsync($"{api}/deliveries/{failed.Id}/resend", null)).StatusCode);
    }
}

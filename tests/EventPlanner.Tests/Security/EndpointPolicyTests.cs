using EventPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Security;

[Trait("Engine", "Both")] // ported to PostgreSQL (issue 19): runs in the PostgreSQL pass too
public sealed class EndpointPolicyTests(EventPlannerApp app) : IClassFixture<EventPlannerApp>
{
    [Fact]
    public void Every_endpoint_states_a_policy_or_is_explicitly_anonymous()
    {
        app.CreateClient(); // builds the host
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var silent = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                        && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToList();

        Assert.True(silent.Count == 0, "Endpoints with neither a named policy nor [AllowAnonymous]:\n" + string.Join("\n", silent));
    }
}

using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Notifications;
using EventPlanner.Web.Features.Webhooks;
using EventPlanner.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace EventPlanner.TestSupport;

/// <summary>
/// The app's stores wired as the app wires them (data, web platform, notifications, webhooks: the stores that publish
/// webhooks in their transactions need the webhook outbox), outside any host: what a test or the data generator uses to
/// write rows before an app process starts. Callers add their own services before building.
/// </summary>
public static class AppStores
{
    public static IServiceCollection Services(IDictionary<string, string?> settings, string contentRoot, string applicationName)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new HostingEnvironment { ContentRootPath = contentRoot, EnvironmentName = "Production", ApplicationName = applicationName };
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddData(configuration, environment);
        services.AddWebPlatform(configuration);
        services.AddNotifications(configuration);
        services.AddWebhooks(configuration);
        return services;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPlanner.Tests.Infrastructure;
using EventPlanner.Web.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventPlanner.Tests.MultiNode;

/// <summary>/healthz on either engine: 200 while the database and the job store answer, 503 naming the part that does not.</summary>
[Trait("Engine", "Both")]
public sealed class HealthzTests : IClassFixture<HealthzTests.App>
{
    private readonly App _app;

    public HealthzTests(App app) => _app = app;

    /// <summary>A job store that can be made to fail, as a lost PostgreSQL connection would.</summary>
    public sealed class BreakableStorage : JobStorage
    {
        private readonly InMemoryStorage _inner = new();
        public volatile bool Broken;
        public override IMonitoringApi GetMonitoringApi() => Broken ? throw new InvalidOperationException("job store down") : _inner.GetMonitoringApi();
        public override IStorageConnection GetConnection() => Broken ? throw new InvalidOperationException("job store down") : _inner.GetConnection();
    }

    public sealed class App : EventPlannerApp
    {
        public BreakableStorage Jobs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => { s.RemoveAll<JobStorage>(); s.AddSingleton<JobStorage>(Jobs); });
        }
    }

    private static async Task<(HttpStatusCode, HealthEndpoints.HealthReport)> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/healthz");
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<HealthEndpoints.HealthReport>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!);
    }

    [Fact]
    public async Task Healthz_answers_200_while_both_answer_and_503_naming_the_job_store_when_it_is_down()
    {
        var client = _app.CreateClient();
        var (up, report) = await HealthAsync(client);
        Assert.Equal(HttpStatusCode.OK, up);
        Assert.Equal(new HealthEndpoints.HealthReport("ok", "ok", new HealthEndpoints.JobsHealth("ok", 0)), report);

        _app.Jobs.Broken = true;
        try
        {
            var (down, broken) = await HealthAsync(client);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
            Assert.Equal("ok", broken.Database);
            Assert.Equal("unreachable", broken.Jobs.Storage);
        }
        finally
        {
            _app.Jobs.Broken = false;
        }
    }
}

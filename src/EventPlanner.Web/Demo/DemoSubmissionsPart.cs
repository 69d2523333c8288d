namespace EventPlanner.Web.Demo;

/// <summary>Proposals in every state from the demo speakers (see <see cref="DemoSubmissions"/>).</summary>
public sealed class DemoSubmissionsPart : IDemoPart
{
    public Task SeedAsync(DemoData data, IServiceProvider services, CancellationToken ct) =>
        DemoSubmissions.SeedAsync(services, data.RequireEvent().Slug, data.Speakers.Select(s => s.Id).ToList());
}

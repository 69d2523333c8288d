namespace EventPlanner.Web.Demo;

public static class DemoSeeder
{
    /// <summary>Seeds the demo event (filled in below as features land).</summary>
    public static Task SeedDemoAsync(this WebApplication app) => Task.CompletedTask;
}

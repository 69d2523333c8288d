namespace EventPlanner.Web.Data;

/// <summary>Where runtime data lives: db/ under the content root unless configured elsewhere.</summary>
public sealed class DataPaths
{
    public DataPaths(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["EventPlanner:DataDirectory"] ?? "db";
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "eventplanner.db");
    public string KeysDirectory => Path.Combine(Root, "keys");
    public string MailOutbox => Path.Combine(Root, "mail-outbox");
}

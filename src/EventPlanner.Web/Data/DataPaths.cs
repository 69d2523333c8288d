namespace EventPlanner.Web.Data;

/// <summary>Where runtime data lives: db/ under the content root unless configured elsewhere.</summary>
public sealed class DataPaths
{
    public DataPaths(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["EventPlanner:DataDirectory"] ?? "db";
        Root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        Directory.CreateDirectory(Root);
        // One root for every kind of upload, so a shared folder configured for several nodes holds them all.
        var uploads = configuration["EventPlanner:Uploads:Path"];
        Uploads = string.IsNullOrWhiteSpace(uploads) ? Path.Combine(Root, "uploads") : Path.GetFullPath(Path.Combine(environment.ContentRootPath, uploads));
    }

    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "eventplanner.db");
    public string KeysDirectory => Path.Combine(Root, "keys");
    public string MailOutbox => Path.Combine(Root, "mail-outbox");

    /// <summary>Uploaded files: <c>EventPlanner:Uploads:Path</c> (relative to the content root), by default uploads/ under <see cref="Root"/>.</summary>
    public string Uploads { get; }
}

namespace EventPlanner.Web.Data;

/// <summary>The engines the app runs on: SQLite for one node (the default), PostgreSQL for several.</summary>
public enum DbProvider
{
    Sqlite,
    Postgres,
}

public static class DbProviders
{
    /// <summary>Reads <c>EventPlanner:Database:Provider</c>; a misspelt engine stops start-up rather than silently meaning SQLite.</summary>
    public static DbProvider Parse(string? configured) => configured?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DbProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DbProvider.Postgres,
        _ => throw new InvalidOperationException(
            $"EventPlanner:Database:Provider is '{configured}'; use 'sqlite' (the default) or 'postgres'."),
    };
}

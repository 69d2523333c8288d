using System.Xml.Linq;
using Dapper;
using EventPlanner.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace EventPlanner.Web.Infrastructure;

/// <summary>
/// Where the data-protection key ring lives (<c>EventPlanner:DataProtection</c>): <c>database</c> (the table
/// data_protection_keys, one ring for every node; the default on PostgreSQL, where several nodes share one database),
/// <c>files</c> (db/keys/, the default on SQLite: one node, and the ring an existing install already has), or
/// <c>ephemeral</c> (in memory, for test hosts).
/// </summary>
public static class DataProtectionKeys
{
    public static IDataProtectionBuilder PersistKeys(this IDataProtectionBuilder keys, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["EventPlanner:DataProtection"]?.Trim().ToLowerInvariant();
        var store = configured switch
        {
            null or "" => DbProviders.Parse(configuration["EventPlanner:Database:Provider"]) == DbProvider.Postgres ? "database" : "files",
            "database" or "files" or "ephemeral" => configured,
            _ => throw new InvalidOperationException(
                $"EventPlanner:DataProtection is '{configured}'; use 'database', 'files' or 'ephemeral' (or leave it out)."),
        };
        if (store == "files")
        {
            var dir = Path.GetFullPath(Path.Combine(environment.ContentRootPath, configuration["EventPlanner:DataDirectory"] ?? "db", "keys"));
            keys.PersistKeysToFileSystem(new DirectoryInfo(dir));
        }
        else if (store == "database")
        {
            keys.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new DataProtectionKeyRepository(sp.GetRequiredService<Db>(), sp.GetRequiredService<TimeProvider>())));
        }
        return keys;
    }
}

/// <summary>
/// The key ring as rows of data_protection_keys (migration 0023), so every node signs and reads cookies, antiforgery
/// tokens and emailed links with the same keys. ASP.NET Core only ever adds elements (a revocation is a new element),
/// reads the whole ring when its cache lapses (about daily) or on a key it has not seen yet, and calls this interface
/// synchronously; hence the blocking waits, on the thread pool so no caller's context can deadlock them.
/// </summary>
public sealed class DataProtectionKeyRepository(Db db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Task.Run(async () =>
        {
            await using var c = await db.OpenAsync();
            var rows = await c.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY id");
            return rows.Select(x => XElement.Parse(x)).ToList();
        }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        Task.Run(() => db.WriteAsync((c, tx) => c.ExecuteAsync(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = clock.GetUtcNow() }, tx))).GetAwaiter().GetResult();
}

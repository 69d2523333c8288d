using Dapper;

namespace EventPlanner.Web.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        SqlTypeHandlers.Register();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddSingleton(new DataPaths(configuration, environment));
        services.AddSingleton<Db>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
    }
}

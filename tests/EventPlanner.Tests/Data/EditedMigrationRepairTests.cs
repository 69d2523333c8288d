using Dapper;
using EventPlanner.Web.Data;

namespace EventPlanner.Tests.Data;

/// <summary>
/// 0005 and 0013 were edited after they landed. A database that ran any of their texts (the old ones are kept in
/// HistoricalMigrations/, copied from git history) must end, once the current runner has started on it, with exactly
/// a fresh database's schema.
/// </summary>
[Trait("Engine", "SqliteOnly")] // the edited texts of 0005 and 0013 ran on SQLite only; the PostgreSQL twins landed after the edits
public sealed class EditedMigrationRepairTests
{
    public static TheoryData<string, string> HistoricalTexts()
    {
        var data = new TheoryData<string, string>();
        foreach (var reviews in new[] { "0005_reviews.731945a.sql", "0005_reviews.c60a07c.sql", "current" })
        {
            foreach (var cache in new[] { "0013_review_ranking_cache.a80b3ae.sql", "current" })
            {
                data.Add(reviews, cache);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HistoricalTexts))]
    public async Task A_database_that_ran_any_text_of_0005_and_0013_ends_with_a_fresh_databases_schema(string reviews, string cache)
    {
        using var fresh = new MigrationDatabase();
        await fresh.Runner.MigrateAsync();
        using var old = new MigrationDatabase();
        await old.ApplyAsOldRunnerAsync(MigrationRunner.Embedded.Where(m => m.Version <= 13).Select(m => m.Version switch
        {
            5 when reviews != "current" => m with { Sql = Historical(reviews) },
            13 when cache != "current" => m with { Sql = Historical(cache) },
            _ => m,
        }));

        var applied = await old.Runner.MigrateAsync();

        Assert.Equal(MigrationRunner.Embedded.Count(m => m.Version > 13), applied);
        Assert.Equal(await fresh.SchemaAsync(), await old.SchemaAsync());
        Assert.Equal(await ColumnsOfSchemaMigrationsAsync(fresh), await ColumnsOfSchemaMigrationsAsync(old));
        Assert.Equal(0, await old.Runner.MigrateAsync());
    }

    [Fact]
    public async Task The_historical_texts_really_differ_from_the_current_ones()
    {
        Assert.NotEqual(MigrationRunner.Embedded.Single(m => m.Version == 5).Checksum, MigrationRunner.ChecksumOf(Historical("0005_reviews.731945a.sql")));
        Assert.NotEqual(MigrationRunner.Embedded.Single(m => m.Version == 5).Checksum, MigrationRunner.ChecksumOf(Historical("0005_reviews.c60a07c.sql")));
        Assert.NotEqual(MigrationRunner.Embedded.Single(m => m.Version == 13).Checksum, MigrationRunner.ChecksumOf(Historical("0013_review_ranking_cache.a80b3ae.sql")));

        // ...and so do the schemas they leave, or the test above would prove nothing.
        using var fresh = new MigrationDatabase();
        await fresh.Runner.MigrateAsync(MigrationRunner.Embedded.Where(m => m.Version <= 13).ToList());
        using var old = new MigrationDatabase();
        await old.ApplyAsOldRunnerAsync(MigrationRunner.Embedded.Where(m => m.Version <= 13).Select(m => m.Version switch
        {
            5 => m with { Sql = Historical("0005_reviews.731945a.sql") },
            13 => m with { Sql = Historical("0013_review_ranking_cache.a80b3ae.sql") },
            _ => m,
        }));
        Assert.NotEqual(await fresh.SchemaAsync(), await old.SchemaAsync());
    }

    [Fact]
    public async Task Rows_survive_the_repair_and_a_released_decision_gets_its_released_round()
    {
        using var old = new MigrationDatabase();
        await old.ApplyAsOldRunnerAsync(MigrationRunner.Embedded.Where(m => m.Version <= 13).Select(m => m.Version switch
        {
            5 => m with { Sql = Historical("0005_reviews.731945a.sql") },
            13 => m with { Sql = Historical("0013_review_ranking_cache.a80b3ae.sql") },
            _ => m,
        }));
        await using (var c = await old.Db.OpenAsync())
        {
            // Straight into the tables: only the rows under repair (and the rows they hang from) matter here.
            await c.ExecuteAsync("""
                INSERT INTO users (id, email, normalized_email, display_name, security_stamp, concurrency_stamp, created_at) VALUES (1, 'a@example.org', 'A@EXAMPLE.ORG', 'A', 's', 'c', 'x');
                INSERT INTO events (id, slug, name, time_zone, starts_on, ends_on, created_at, updated_at) VALUES (1, 'ev', 'Ev', 'UTC', '2026-12-01', '2026-12-02', 'x', 'x');
                INSERT INTO session_types (id, event_id, name, durations) VALUES (1, 1, 'Talk', '30');
                INSERT INTO proposals (id, event_id, session_type_id, title, created_at, updated_at) VALUES (1, 1, 1, 'One', 'x', 'x'), (2, 1, 1, 'Two', 'x', 'x');
                INSERT INTO review_decisions (proposal_id, event_id, decided_at, round, released_at) VALUES (1, 1, '2026-11-01T00:00:00Z', 2, '2026-11-02T00:00:00Z');
                INSERT INTO review_decisions (proposal_id, event_id, decided_at, round) VALUES (2, 1, '2026-11-01T00:00:00Z', 1);
                INSERT INTO reviews (id, proposal_id, user_id, proposal_version, told_version, created_at, updated_at) VALUES (7, 1, 1, 3, 4, 'x', 'y');
                INSERT INTO review_slot_offers (id, event_id, vacated_proposal_id, reason, created_at) VALUES (9, 1, 1, 'declined', 'z');
                """);
        }

        await old.Runner.MigrateAsync();

        await using var check = await old.Db.OpenAsync();
        Assert.Equal([(1L, (long?)2L), (2L, null)], (await check.QueryAsync<(long, long?)>("SELECT proposal_id, released_round FROM review_decisions ORDER BY proposal_id")).ToList());
        Assert.Equal(3, await check.ExecuteScalarAsync<int>("SELECT proposal_version FROM reviews WHERE id = 7"));
        Assert.Equal("declined", await check.ExecuteScalarAsync<string>("SELECT reason FROM review_slot_offers WHERE id = 9"));
        await check.ExecuteAsync("UPDATE review_slot_offers SET reason = 'withdrawn' WHERE id = 9"); // the CHECK 0013 widened
        Assert.Equal("withdrawn", await check.ExecuteScalarAsync<string>("SELECT reason FROM review_slot_offers WHERE id = 9"));
    }

    private static string Historical(string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "HistoricalMigrations", file));

    private static async Task<IReadOnlyList<string>> ColumnsOfSchemaMigrationsAsync(MigrationDatabase database)
    {
        await using var c = await database.Db.OpenAsync();
        return (await c.QueryAsync<string>("SELECT name || ' ' || type FROM pragma_table_info('schema_migrations') ORDER BY cid")).ToList();
    }
}

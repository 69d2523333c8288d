using Dapper;
using EventPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventPlanner.Tests.Data;

/// <summary>Landed migrations are immutable: their checksums are pinned here and checked by the runner at start-up.</summary>
[Trait("Engine", "Both")] // it pins both engines' script files itself, whatever the pass; its runner checks (and the pre-checksum history) use a SQLite file
public sealed class MigrationChecksumTests : IDisposable
{
    /// <summary>
    /// The SHA-256 of every landed script (LF line endings). Editing a landed script fails this test: put the change in
    /// a new migration instead. A new script adds its line here when it lands.
    /// </summary>
    private static readonly Dictionary<int, string> Pinned = new()
    {
        [1] = "1db4eccab18fffee6820e038f2f7057a6df4afd9c292ba87bca6b67505c18c29", // 0001_foundation.sql
        [2] = "d537dea80d1c44c21ead9c730f0901a8786c6b36eef5455604d3e4324a3353cb", // 0002_notifications.sql
        [3] = "2ccc652eb12aa84964f3e38e77ab338ddb2b57c363f652f26e03d57f8942fdbd", // 0003_submissions.sql
        [4] = "37143d3d37860a39fad528cf96fd95bcefc8493f87bb7bc3ca47fdcf03adc8e8", // 0004_tickets.sql
        [5] = "8e8de50e4683fcdc9c65247734b35ac1c33ca4172403c7e7463945dc34313d9b", // 0005_reviews.sql
        [6] = "f5406015a918f0d0d521852f0fff799eda3a84309dba561898becce1c5c1c196", // 0006_schedule.sql
        [7] = "5c359fd5fc8599ecec11b9b658eda633bc7358dc527abd6ec680c9d30b0b79c4", // 0007_outbox_addresses.sql
        [8] = "b2aa8900774c1616fdb4bbcff8077359958e2161de5f22c117cf454b191aa8b0", // 0008_live_schedule.sql
        [9] = "8e85f8e29915c0a582bf26b616711adf6f4b8e7afb785a8c410dc8ce8bb5e9d2", // 0009_lightning.sql
        [10] = "c4f1331524b32fd7f836b2394bfbc7240f1330a56a6218a58068c49ddfbd47d4", // 0010_community.sql
        [11] = "0871d925a9f635be1daaeb72e18093a40078c748d6c968c29816d1bca393008c", // 0011_bofs.sql
        [12] = "2e9cba4a223083c9fb9c0aaf21f276a787c87fd3f65a0dbaddda28c9d922bae8", // 0012_notification_attachments.sql
        [13] = "184ef53472a00d5c910897a8831524442f3d3221200a8c16f089001c5c55a5c1", // 0013_review_ranking_cache.sql
        [14] = "b5a83fb34b7bd6514fcccbf41b45aa45a206a47c1718343f07e031b5eca5399c", // 0014_repair_edited_review_migrations.sql
        [15] = "f6dccb29627c1c98437cfede83561924c38e02ff822368abea647fb90e1a7920", // 0015_public_data_version.sql
        [16] = "682c45e1f7ca20dbe76ba12dd19b8528f1402ea46046da059aa5216ce5d4866a", // 0016_webhooks.sql
        [17] = "e6508decbdc0c37f48c40a49d1d8ac7ca715ae32c0c3adcb57ad67dda20a0b1a", // 0017_schedule_suggestions.sql
        [18] = "8e1fb1be7914186910065de5b745e429d561b875cb0ca76731de746ad5e25f12", // 0018_social_events.sql
        [19] = "c3450d2cdd13c3e651181eefac192606f9531e15b4185231194e43944420cf33", // 0019_personal_data.sql
        [20] = "08d7017939c42221b5de46b844bbdce097f324e05b72edccff426d762f4200cd", // 0020_session_materials.sql
        [21] = "c8993218143e7ae08798ca0567c739bdf92b5d3a580f9d8a88de87fe7a9da77d", // 0021_feedback_and_surveys.sql
        [23] = "9760a95efa69798795a3ad9c0a46c14136324801a3c741bf6b144e5b0414b5e7", // 0023_data_protection_keys.sql
        [24] = "54dc555e85c6927e3c666be2dfd7983b6341fd2ec8b8202d238de3c0aecc8e84", // 0024_cfp_webhook_states.sql
        [25] = "49bb9f66f45192e40d471492b7f320ac0f7ad911725073bdbd61a9731e15d67b", // 0025_suggestion_weights.sql
    };

    /// <summary>The PostgreSQL twins (db/migrations/postgres), pinned the same way once landed.</summary>
    private static readonly Dictionary<int, string> PinnedPostgres = new()
    {
        [1] = "9ea7da7f2214129e664647c45a2541becaaed4dd2514517f795688e2dfc5dbd9", // postgres/0001_foundation.sql
        [2] = "551762547dbaf61dff908f8dddfabe98cf5dc4b4bc2dfeb08e18230301199078", // postgres/0002_notifications.sql
        [3] = "a62b64e430bc5d18a67c3c4f84ab4effe5f45d8d4dcc28e3d16efbdd7e93f502", // postgres/0003_submissions.sql
        [4] = "e91483ad8a9d801d416347ed5cb1d877ebc0f47a224962ff59a10ae0f67f4636", // postgres/0004_tickets.sql
        [5] = "56b1f03630df0c42c9aa1906b811458b4384c279ced62bc88697dad420ba5e0f", // postgres/0005_reviews.sql
        [6] = "3e9d3d8eb616b8cbb7b81dfadab69f063c48a1e977dc39ae8b6974f385dbfba4", // postgres/0006_schedule.sql
        [7] = "f2932446b2dac8be63f0d939228674862c470f29ff3024fd513e0a839c0f431a", // postgres/0007_outbox_addresses.sql
        [8] = "192218efea488d2c606a4fed46e9820feaed263bab9089fa901e41503e0f15b9", // postgres/0008_live_schedule.sql
        [9] = "1d6c8922aa5f64c99bded5cfdbc3969c2a3d0568e4c94eb334e0c25b0b6e257e", // postgres/0009_lightning.sql
        [10] = "50cfa0506078524d34fedabb9e57ffcd11201604175398a8cb800f59390cdd73", // postgres/0010_community.sql
        [11] = "b8b065b61abbfa532bc9a992d5c7faeaf55835e7516a236edb74d221ddd323ec", // postgres/0011_bofs.sql
        [12] = "488f370f674506b62c45fef6882cf49fe24b3ae016900888bfe09dd13b9ba1e4", // postgres/0012_notification_attachments.sql
        [13] = "1baf76f38ef5d116e54359ccbce7086d62051204dadf49cca5be58d1a262be4e", // postgres/0013_review_ranking_cache.sql
        [14] = "0011edf3b88368537b4c2d5af6523d928cf8247875e81f1bd156615831151b01", // postgres/0014_repair_edited_review_migrations.sql
        [15] = "13c003f91c42c9a021b5a300b642077c67234de4ad007613b9bce0a0f46b047e", // postgres/0015_public_data_version.sql
        [16] = "2613d399769d726174b1b8f90fbdf22bea98930f32014e56621cd9a5cf53db42", // postgres/0016_webhooks.sql
        [17] = "4107e052b36ba97f47eaf35e24a1f0d5cb58f4fc1dc3e22e3f5a633c6272d6c3", // postgres/0017_schedule_suggestions.sql
        [18] = "5b5cddbb7b2fc76ec644e33b660d5d45f681b80ea391c2e28a28dbaec29ec2db", // postgres/0018_social_events.sql
        [19] = "a7ae17033dffa215036097fa9f3dfd1520887ff6ccdfa9eb18dc47f1d8f9afda", // postgres/0019_personal_data.sql
        [20] = "11cc92592e01525120ee11440499200d682cd5e2079e02a38d1b1e474faa817e", // postgres/0020_session_materials.sql
        [21] = "83f6291d59e3db59256a7db36cad1378cd6cec0173f7b61e6c8e1af89cca2ea3", // postgres/0021_feedback_and_surveys.sql
        [23] = "f493a5518fc206fa55c82050ef45d10435797d19fe0b778e844086fef70727ec", // postgres/0023_data_protection_keys.sql
        [24] = "73fc2e15a693528b80e602ed5c3a90745f0786466fb6e0e71b238ae54912c495", // postgres/0024_cfp_webhook_states.sql
        [25] = "49bb9f66f45192e40d471492b7f320ac0f7ad911725073bdbd61a9731e15d67b", // postgres/0025_suggestion_weights.sql
    };

    private readonly MigrationDatabase _database = new();

    [Fact]
    public void Every_landed_postgres_twin_keeps_its_pinned_checksum()
    {
        var actual = MigrationRunner.EmbeddedPostgres.ToDictionary(m => m.Version, m => m.Checksum);

        foreach (var (version, checksum) in PinnedPostgres)
        {
            Assert.True(actual.TryGetValue(version, out var now), $"PostgreSQL migration {version:0000} has disappeared.");
            Assert.True(checksum == now, $"PostgreSQL migration {version:0000} was edited after landing (pinned {checksum}, now {now}); put the change in a new migration.");
        }
        var unpinned = actual.Keys.Except(PinnedPostgres.Keys).ToList();
        Assert.True(unpinned.Count == 0, $"Pin the checksum of the new PostgreSQL migration(s) {string.Join(", ", unpinned.Select(v => v.ToString("0000")))} in this test.");
    }

    [Fact]
    public void Every_sqlite_migration_has_a_postgres_twin_of_the_same_number_and_name_and_no_twin_is_orphaned()
    {
        var sqlite = MigrationRunner.Embedded.Select(m => m.FileName).ToList();
        var postgres = MigrationRunner.EmbeddedPostgres.Select(m => m.FileName).ToList();

        var missing = sqlite.Except(postgres).ToList();
        Assert.True(missing.Count == 0,
            $"Write the PostgreSQL twin of {string.Join(", ", missing)} in db/migrations/postgres/ (same number and name): both engines must end at the same schema.");
        Assert.Equal(sqlite, postgres);
        Assert.All(MigrationRunner.EmbeddedPostgres, m => Assert.Null(m.Step));
    }

    [Fact]
    public void Every_landed_migration_keeps_its_pinned_checksum()
    {
        var actual = MigrationRunner.Embedded.ToDictionary(m => m.Version, m => m.Checksum);

        foreach (var (version, checksum) in Pinned)
        {
            Assert.True(actual.TryGetValue(version, out var now), $"Migration {version:0000} has disappeared.");
            Assert.True(checksum == now, $"Migration {version:0000} was edited after landing (pinned {checksum}, now {now}); put the change in a new migration.");
        }
        var unpinned = actual.Keys.Except(Pinned.Keys).ToList();
        Assert.True(unpinned.Count == 0, $"Pin the checksum of the new migration(s) {string.Join(", ", unpinned.Select(v => v.ToString("0000")))} in this test.");
    }

    [Fact]
    public void Line_endings_do_not_change_a_checksum()
    {
        var sql = MigrationRunner.Embedded[0].Sql;

        Assert.Equal(MigrationRunner.ChecksumOf(sql), MigrationRunner.ChecksumOf(sql.Replace("\n", "\r\n")));
        Assert.NotEqual(MigrationRunner.ChecksumOf(sql), MigrationRunner.ChecksumOf(sql + " "));
    }

    [Fact]
    public async Task A_fresh_database_records_each_scripts_checksum()
    {
        await _database.Runner.MigrateAsync();

        await using var c = await _database.Db.OpenAsync();
        var recorded = (await c.QueryAsync<(int Version, string Checksum)>("SELECT version, checksum FROM schema_migrations")).ToDictionary(r => r.Version, r => r.Checksum);
        Assert.Equal(MigrationRunner.Embedded.ToDictionary(m => m.Version, m => m.Checksum), recorded);
    }

    [Fact]
    public async Task A_database_that_ran_an_edited_script_is_refused_with_a_message_naming_it()
    {
        await _database.Runner.MigrateAsync();
        await using (var c = await _database.Db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE schema_migrations SET checksum = 'c0ffee' WHERE version = 3");
        }

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => _database.Runner.MigrateAsync());

        Assert.Contains("0003_submissions", error.Message);
        Assert.Contains("c0ffee", error.Message);
        Assert.Contains("never be edited", error.Message);
    }

    [Fact]
    public async Task Legacy_is_accepted_only_for_the_two_scripts_edited_after_landing()
    {
        await _database.Runner.MigrateAsync();
        await using (var c = await _database.Db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE schema_migrations SET checksum = @LegacyChecksum WHERE version IN (5, 13)", new { MigrationRunner.LegacyChecksum });
        }
        Assert.Equal(0, await _database.Runner.MigrateAsync());

        await using (var c = await _database.Db.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE schema_migrations SET checksum = @LegacyChecksum WHERE version = 6", new { MigrationRunner.LegacyChecksum });
        }
        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => _database.Runner.MigrateAsync());
        Assert.Contains("0006_schedule", error.Message);
    }

    [Fact]
    public async Task A_database_from_before_checksums_gets_them_recorded_and_0005_and_0013_marked_legacy()
    {
        await _database.ApplyAsOldRunnerAsync(MigrationRunner.Embedded.Where(m => m.Version <= 13));

        // 0014 and every script landed after it.
        Assert.Equal(MigrationRunner.Embedded.Count(m => m.Version > 13), await _database.Runner.MigrateAsync());

        await using var c = await _database.Db.OpenAsync();
        var recorded = (await c.QueryAsync<(int Version, string Checksum)>("SELECT version, checksum FROM schema_migrations")).ToDictionary(r => r.Version, r => r.Checksum);
        foreach (var m in MigrationRunner.Embedded)
        {
            Assert.Equal(m.Version is 5 or 13 ? MigrationRunner.LegacyChecksum : m.Checksum, recorded[m.Version]);
        }
        Assert.Equal(0, await _database.Runner.MigrateAsync()); // and the next start is content
    }

    public void Dispose() => _database.Dispose();
}

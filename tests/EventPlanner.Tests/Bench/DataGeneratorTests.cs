using Dapper;
using EventPlanner.Bench.Generator;
using EventPlanner.Web.Data;
using EventPlanner.Web.Features.Accounts;
using EventPlanner.Web.Features.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace EventPlanner.Tests.Bench;

[Trait("Engine", "SqliteOnly")] // the benchmark generator writes a SQLite file and digests that file
public sealed class DataGeneratorTests : IDisposable
{
    // The digest of the `small` scale at the default seed. It changes only when the generated content
    // does: a new or changed generator step, word list or stored column. Then re-record it here (the
    // failure message shows the new value) and say in the commit why the content changed.
    private const string SmallDigest = "671da8c3e963c6b2b9352ed0cb479c04d2e69a7b88f86ec08491b3e3614cac4f";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ep-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Same_seed_and_scale_give_the_same_database_content()
    {
        var first = await DataGenerator.GenerateAsync(Path.Combine(_root, "a"), Scales.Small);
        var second = await DataGenerator.GenerateAsync(Path.Combine(_root, "b"), Scales.Small);

        Assert.Equal(first.Digest.Sha256, second.Digest.Sha256);
        Assert.Equal(first.Digest.RowCounts, second.Digest.RowCounts);
    }

    [Fact]
    public async Task Small_scale_content_matches_the_recorded_digest()
    {
        var data = await DataGenerator.GenerateAsync(_root, Scales.Small);

        Assert.True(data.Digest.Sha256 == SmallDigest,
            $"The small-scale digest is now {data.Digest.Sha256}. If the generated content changed on purpose, record the new digest in {nameof(DataGeneratorTests)}.");
    }

    [Fact]
    public async Task Another_seed_gives_different_content_of_the_same_shape()
    {
        var usual = await DataGenerator.GenerateAsync(Path.Combine(_root, "a"), Scales.Small);
        var other = await DataGenerator.GenerateAsync(Path.Combine(_root, "b"), Scales.Small, seed: 7);

        Assert.NotEqual(usual.Digest.Sha256, other.Digest.Sha256);
        Assert.Equal(usual.Digest.RowCounts, other.Digest.RowCounts);
    }

    [Fact]
    public async Task Generated_event_has_the_days_rooms_tracks_team_and_accounts_its_scale_declares()
    {
        var scale = Scales.Small;
        var data = await DataGenerator.GenerateAsync(_root, scale);

        await using var services = DataGenerator.CreateServices(_root, TimeProvider.System);
        var db = services.GetRequiredService<Db>();
        var events = services.GetRequiredService<EventStore>();
        var ev = await events.FindAsync(data.EventSlug);
        Assert.NotNull(ev);
        Assert.Equal(scale.EventName, ev.Name);
        Assert.Equal(scale.TimeZone, ev.TimeZone);
        var (days, rooms, tracks) = await services.GetRequiredService<VenueStore>().ListPartsAsync(ev.Id);
        Assert.Equal(scale.Days, days.Count);
        Assert.Equal(scale.Rooms, rooms.Count);
        Assert.Equal(scale.Tracks, tracks.Count);
        var team = await services.GetRequiredService<TeamStore>().ListTeamAsync(ev.Id);
        Assert.Equal(scale.Organisers, team.Count(m => m.Role == EventRoles.Organiser));
        Assert.Equal(scale.Reviewers, team.Count(m => m.Role == EventRoles.Reviewer));
        await using var c = await db.OpenAsync();
        Assert.Equal(scale.Accounts, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users"));
        Assert.Equal(scale.Accounts, await c.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT security_stamp) FROM users"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE is_admin = 1"));
    }

    [Fact]
    public async Task Generated_call_has_the_scales_proposals_in_varied_states_types_and_tracks()
    {
        var scale = Scales.Small;
        await DataGenerator.GenerateAsync(_root, scale);

        await using var c = await OpenDb(_root).OpenAsync();
        Assert.Equal(scale.Proposals, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM proposals"));
        var states = (await c.QueryAsync<string>("SELECT DISTINCT state FROM proposals")).ToList();
        Assert.Contains("draft", states);
        Assert.Contains("withdrawn", states);
        Assert.True(states.Count >= 6, $"Only these states were generated: {string.Join(", ", states)}");
        Assert.True(await c.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT session_type_id) FROM proposals") >= 4);
        Assert.Equal(scale.Tracks, await c.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT track_id) FROM proposal_tracks"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM proposals p WHERE p.state <> 'draft' AND NOT EXISTS (SELECT 1 FROM proposal_tracks t WHERE t.proposal_id = p.id)
            """));
        Assert.True(await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM proposal_speakers WHERE is_owner = 0") > 0, "No proposal has a co-speaker.");
        Assert.Equal(scale.Speakers, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM speaker_profiles"));
    }

    private static Db OpenDb(string folder)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EventPlanner:DataDirectory"] = folder }).Build();
        return new Db(new DataPaths(config, new HostingEnvironment { ContentRootPath = folder }));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

using System.Data;
using Dapper;
using System.Data.Common;

namespace EventPlanner.Web.Data;

/// <summary>
/// C# steps of migrations, for the repairs SQL cannot say idempotently (SQLite has no ADD/DROP COLUMN IF [NOT]
/// EXISTS). A step runs in its migration's transaction, after the script's SQL, and must be safe on every database
/// the script can meet. Only the script's text is checksummed: a step, like the script, is never changed once landed.
/// Steps are SQLite's alone: a PostgreSQL database only ever ran the current texts of its twins.
/// </summary>
public static class MigrationSteps
{
    public static Func<DbConnection, IDbTransaction, Task>? For(int version) => version switch
    {
        14 => RepairEditedReviewColumnsAsync,
        _ => null,
    };

    /// <summary>
    /// 0014: a database that ran the first text of 0005 (731945a) has reviews.told_version, which the current text
    /// dropped, and lacks review_decisions.released_round, which it added.
    /// </summary>
    public static async Task RepairEditedReviewColumnsAsync(DbConnection c, IDbTransaction tx)
    {
        if (await HasColumnAsync(c, tx, "reviews", "told_version"))
        {
            // Nothing indexes or constrains it, so SQLite can drop it in place.
            await c.ExecuteAsync("ALTER TABLE reviews DROP COLUMN told_version;", transaction: tx);
        }
        if (!await HasColumnAsync(c, tx, "review_decisions", "released_round"))
        {
            // Rebuilt rather than ADD COLUMN, so the column sits where a fresh database has it. Nothing refers to
            // review_decisions; its index and 0013's triggers go with the old table and are made again as 0005 and
            // 0013 make them. released_round is the round last released to the speakers: the current round, if the
            // decision was released at all (DecisionWrites sets it to round at release).
            await c.ExecuteAsync("""
                ALTER TABLE review_decisions RENAME TO review_decisions_old;
                CREATE TABLE review_decisions (
                    proposal_id         INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
                    event_id            INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    decided_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
                    decided_at          TEXT NOT NULL,
                    round               INTEGER NOT NULL DEFAULT 1,
                    released_round      INTEGER,
                    released_at         TEXT,
                    confirm_by          TEXT,
                    response            TEXT CHECK (response IN ('confirmed', 'declined', 'expired')),
                    responded_at        TEXT
                );
                INSERT INTO review_decisions (proposal_id, event_id, decided_by, decided_at, round, released_round, released_at, confirm_by, response, responded_at)
                    SELECT proposal_id, event_id, decided_by, decided_at, round, CASE WHEN released_at IS NOT NULL THEN round END,
                           released_at, confirm_by, response, responded_at
                    FROM review_decisions_old;
                DROP TABLE review_decisions_old;
                CREATE INDEX ix_review_decisions_event ON review_decisions(event_id);
                CREATE TRIGGER trg_rdv_review_decisions_insert AFTER INSERT ON review_decisions BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; END;
                CREATE TRIGGER trg_rdv_review_decisions_update AFTER UPDATE ON review_decisions BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = NEW.event_id; END;
                CREATE TRIGGER trg_rdv_review_decisions_delete AFTER DELETE ON review_decisions BEGIN UPDATE review_data_versions SET version = version + 1 WHERE event_id = OLD.event_id; END;
                """, transaction: tx);
        }
    }

    private static async Task<bool> HasColumnAsync(DbConnection c, IDbTransaction tx, string table, string column) =>
        await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column", new { table, column }, tx) > 0;
}

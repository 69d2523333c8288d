-- PostgreSQL twin of db/migrations/0014_repair_edited_review_migrations.sql. The SQLite script repairs databases that
-- ran earlier texts of 0005 and 0013; every PostgreSQL database ran only the current texts of their twins, so there
-- is nothing to repair. The twin exists so both engines count the same versions.
SELECT 1;

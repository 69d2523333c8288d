using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EventPlanner.Web.Data;

/// <summary>
/// What a failed statement means, asked the same way on either engine, so stores catch "unique violation" and not
/// one driver's error codes. On PostgreSQL the failed statement also aborts its transaction: a store that catches
/// one must stop using that transaction (return, and let the caller's commit roll it back).
/// </summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintForeignKey = 787;

    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>A unique violation on <paramref name="table"/>'s <paramref name="column"/> (not some other key of it).</summary>
    public static bool IsUniqueViolation(Exception e, string table, string column) => e switch
    {
        SqliteException s => IsUniqueViolation(s) && s.Message.Contains($"{table}.{column}", StringComparison.Ordinal),
        PostgresException p => IsUniqueViolation(p) && p.TableName == table
            && (p.ConstraintName?.Contains(column, StringComparison.Ordinal) == true
                || p.Detail?.Contains($"({column})", StringComparison.Ordinal) == true),
        _ => false,
    };

    public static bool IsForeignKeyViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        PostgresException p => p.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary>Any constraint (unique, check, not null, foreign key) refused the write.</summary>
    public static bool IsConstraintViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteConstraint,
        PostgresException p => p.SqlState.StartsWith("23", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The database could not be reached or answered with an engine error (for /healthz).</summary>
    public static bool IsUnavailable(Exception e) =>
        e is DbException or IOException or System.Net.Sockets.SocketException or TimeoutException;
}

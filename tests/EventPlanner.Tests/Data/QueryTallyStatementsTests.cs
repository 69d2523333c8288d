using EventPlanner.Web.Data;

namespace EventPlanner.Tests.Data;

/// <summary>
/// How the tally counts the statements of one command on PostgreSQL (Npgsql reports commands, SQLite's hook
/// statements): semicolons outside quotes, dollar quotes and comments separate statements; empty pieces are none.
/// </summary>
[Trait("Engine", "Both")] // no database
public sealed class QueryTallyStatementsTests
{
    [Theory]
    [InlineData("SELECT 1", 1)]
    [InlineData("SELECT 1;", 1)]
    [InlineData("SELECT 1; SELECT 2;\n  SELECT 3", 3)]
    [InlineData("SELECT ';' AS a, \"x;y\" FROM t WHERE b = 'it''s; fine'", 1)]
    [InlineData("SELECT 1 -- one; two\n; SELECT 2 /* ; */", 2)]
    [InlineData("DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$; SELECT $1", 2)]
    [InlineData(" ; ;\n", 0)]
    [InlineData("", 0)]
    public void Counts_the_statements_of_a_command(string sql, int expected) => Assert.Equal(expected, QueryTally.Statements(sql));
}

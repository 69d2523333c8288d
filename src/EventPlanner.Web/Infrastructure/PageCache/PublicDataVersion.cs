using EventPlanner.Web.Data;
using System.Data.Common;

namespace EventPlanner.Web.Infrastructure.PageCache;

/// <summary>
/// The counter that migration 0015's triggers bump in the same transaction as any write the public pages are rendered
/// from. Read on every cached request, so a committed change is seen by the very next one (on any node sharing the
/// database). One long-lived connection with a prepared statement keeps that read to a few microseconds: no pool
/// round trip, no parse.
/// </summary>
public sealed class PublicDataVersion(Db db) : IDisposable
{
    private readonly Lock _gate = new();
    private DbConnection? _connection;
    private DbCommand? _read;

    public long Current()
    {
        lock (_gate)
        {
            try
            {
                return Read();
            }
            catch (DbException)
            {
                // A broken connection (the file replaced by a restore, say): open a fresh one once, then let it fail.
                Close();
                return Read();
            }
        }
    }

    private long Read()
    {
        if (_read is null)
        {
            // Opening is not the request's work: its pragmas go to a throwaway tally, so the request that happens to
            // open it counts the same statements as every other (one: the read below).
            using (QueryTally.Begin(out _))
            {
                _connection = db.OpenAsync().GetAwaiter().GetResult();
                _read = _connection.CreateCommand();
                _read.CommandText = "SELECT version FROM public_data_version WHERE id = 1";
                _read.Prepare();
            }
        }
        return (long)_read.ExecuteScalar()!;
    }

    private void Close()
    {
        _read?.Dispose();
        _connection?.Dispose();
        _read = null;
        _connection = null;
    }

    public void Dispose()
    {
        lock (_gate) Close();
    }
}

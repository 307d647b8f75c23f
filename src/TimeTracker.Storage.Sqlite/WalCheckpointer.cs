using Microsoft.Data.Sqlite;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file in the background, PASSIVE (never waiting for readers or
/// writers). SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 pages, syncing both files while
/// the write gate is held: ~90 ms of each 31-day rollup save, and a stall every few ingest batches. Commits are as
/// durable as before (the WAL holds them); only the copy moved off the write path.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly string _path;
    private readonly Func<SqliteConnection> _open;
    private readonly Timer _timer;
    private int _written;
    private int _running;

    public WalCheckpointer(string path, Func<SqliteConnection> open)
    {
        _path = path;
        _open = open;
        _timer = new Timer(_ => Checkpoint(), null, Interval, Interval);
    }

    /// <summary>Called after each commit: the next tick has something to copy.</summary>
    public void Written() => Volatile.Write(ref _written, 1);

    private void Checkpoint()
    {
        // One at a time: a tick that finds the previous one still copying leaves the signal for the next.
        if (Interlocked.Exchange(ref _running, 1) == 1) return;
        try
        {
            // A database deleted under a live instance (tests clean up so) must not be created again by opening it.
            if (Interlocked.Exchange(ref _written, 0) == 0 || !File.Exists(_path)) return;
            using var connection = _open();
            SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);");
        }
#pragma warning disable CA1031 // A failed copy loses nothing (the WAL keeps every commit); the next tick retries.
        catch (Exception)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _written, 1);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}

using Microsoft.Data.Sqlite;
using TimeTracker.Core.Activity;
using TimeTracker.Storage.Sqlite;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>Databases written by an older build open under the current schema with their data intact.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TemporarySqliteFile _file = new("migration");

    [Fact]
    public async Task Activity_rows_of_schema_3_survive_the_start_ordered_sample_index_and_still_deduplicate()
    {
        var id = Guid.NewGuid();
        var start = new DateTimeOffset(2026, 2, 8, 4, 0, 0, TimeSpan.Zero);
        using (var old = new SqliteConnection($"Data Source={_file.Path}"))
        {
            old.Open();
            Migrations.Apply(old, 3);
            Exec(old, "INSERT INTO member_keys(key, workspace_id, user_id) VALUES (1, 'ws', 'u1')");
            using var insert = old.CreateCommand();
            insert.CommandText = "INSERT INTO activity(member_key, day, sample_id, start_at, end_at, idle) VALUES (1, @day, @id, @start, @end, 1)";
            insert.Parameters.AddWithValue("@day", start.UtcTicks / TimeSpan.TicksPerDay);
            insert.Parameters.AddWithValue("@id", id.ToByteArray());
            insert.Parameters.AddWithValue("@start", start.UtcTicks);
            insert.Parameters.AddWithValue("@end", start.AddMinutes(30).UtcTicks);
            insert.ExecuteNonQuery();
        }

        var store = new SqliteActivityStore(new SqliteDatabase(_file.Path), new MemberKeys());

        var idle = await store.GetIdleAsync("ws", ["u1"], start.AddHours(-1), start.AddHours(1));
        Assert.Equal([("u1", start, start.AddMinutes(30))], idle);
        var resent = await store.AddAsync("ws", "u1", [new ActivitySample(id, start, start.AddMinutes(30), ActivityState.Idle)]);
        Assert.Equal(new IngestResult(0, 1), resent);
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _file.Dispose();
}

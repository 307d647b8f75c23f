using Microsoft.Data.Sqlite;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteWorkspaceStore(SqliteDatabase db) : IWorkspaceStore
{
    private const string Columns = "id, name, time_zone, created_at, auto_clock_out_after_hours, activity_retention_days, " +
        "work_time_source, activity_session_gap_minutes";

    public Task<Workspace?> GetAsync(string workspaceId, CancellationToken ct = default) => db.ReadAsync(c => Find(c,
        workspaceId), ct);

    internal static Workspace? Find(SqliteConnection c, string workspaceId) =>
        c.Query($"SELECT {Columns} FROM workspaces WHERE id=@id", null, Read, ("@id", workspaceId)).SingleOrDefault();

    public Task<bool> AnyAsync(CancellationToken ct = default) =>
        db.ReadAsync(c => c.Scalar("SELECT 1 FROM workspaces LIMIT 1", null) is not null, ct);

    public Task<IReadOnlyList<Workspace>> ListAsync(CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Workspace>>(c => c.Query($"SELECT {Columns} FROM workspaces ORDER BY id", null,
            Read), ct);

    public Task CreateAsync(Workspace workspace, Member owner, ApiKey ownerKey, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute($"INSERT INTO workspaces({Columns}) VALUES (@id, @name, @tz, @created, @auto, @retention, @source, @gap)", tx, Parameters(workspace));
            SqliteMemberStore.Insert(c, tx, owner);
            SqliteApiKeyStore.Insert(c, tx, ownerKey);
        }, ct);

    public Task UpdateAsync(Workspace workspace, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            c.Execute("UPDATE workspaces SET name=@name, time_zone=@tz, auto_clock_out_after_hours=@auto, activity_retention_days=@retention, " +
                "work_time_source=@source, activity_session_gap_minutes=@gap WHERE id=@id",
                tx, Parameters(workspace));
        }, ct);

    private static (string, object?)[] Parameters(Workspace w) =>
    [
        ("@id", w.Id), ("@name", w.Name), ("@tz", w.TimeZone), ("@created", SqlCommands.Ticks(w.CreatedAt)),
        ("@auto", w.AutoClockOutAfterHours), ("@retention", w.ActivityRetentionDays),
        ("@source", w.WorkTimeSource.ToString().ToLowerInvariant()), ("@gap", w.ActivitySessionGapMinutes),
    ];

    private static Workspace Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.Instant(3), r.NullableInt(4), r.NullableInt(5),
            Enum.Parse<WorkTimeSource>(r.GetString(6), ignoreCase: true), r.NullableInt(7));
}

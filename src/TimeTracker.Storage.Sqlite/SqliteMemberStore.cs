using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Sqlite;

public sealed class SqliteMemberStore(SqliteDatabase db) : IMemberStore
{
    private readonly MemberSummaryCache _summaries = new();

    internal const string Columns =
        "workspace_id, id, email, username, first_name, last_name, role, status, team_id, time_zone, is_blocked, " +
        "language, personal_number, password_hash, profile, created_at, updated_at, deleted_at, activated_at, version, key_epoch";

    public Task<Member?> GetAsync(string workspaceId, string memberId, CancellationToken ct = default) =>
        db.ReadAsync(c => Find(c, workspaceId, memberId), ct);

    internal static Member? Find(SqliteConnection c, string workspaceId, string memberId) =>
        c.Query($"SELECT {Columns} FROM members WHERE workspace_id=@ws AND id=@id", null, Read, ("@ws", workspaceId), ("@id", memberId)).SingleOrDefault();

    public Task<IReadOnlyList<Member>> GetManyAsync(string workspaceId, IReadOnlyCollection<string> memberIds, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Member>>(c =>
        {
            if (memberIds.Count == 0) return [];
            return c.Query($"SELECT {Columns} FROM members WHERE workspace_id=@ws AND id IN (SELECT value FROM json_each(@ids))", null, Read,
                ("@ws", workspaceId), ("@ids", SqlCommands.JsonList(memberIds)));
        }, ct);

    public Task<IReadOnlyList<MemberSummary>> GetSummariesAsync(string workspaceId, IReadOnlyCollection<string> memberIds, CancellationToken ct = default) =>
        db.ReadAsync(c => _summaries.Get(c, workspaceId, memberIds), ct);

    public Task<Member?> FindByLoginAsync(string workspaceId, string login, CancellationToken ct = default) =>
        db.ReadAsync(c => c.Query(
            $"SELECT {Columns} FROM members WHERE workspace_id=@ws AND (email_norm=@login OR username_norm=@login) LIMIT 1",
            null, Read, ("@ws", workspaceId), ("@login", Member.Normalize(login))).SingleOrDefault(), ct);

    public Task<IReadOnlyList<Member>> ListTeamAsync(string workspaceId, string teamId, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<Member>>(c => c.Query(
            $"SELECT {Columns} FROM members WHERE workspace_id=@ws AND team_id=@team ORDER BY id", null, Read,
            ("@ws", workspaceId), ("@team", teamId)), ct);

    public Task<Page<Member>> ListAsync(string workspaceId, MemberQuery query, int limit, string? continuation, CancellationToken ct = default) =>
        db.ReadAsync(c =>
        {
            var (where, parameters) = Filter(workspaceId, query, continuation);
            parameters.Add(("@limit", limit + 1));
            var rows = c.Query($"SELECT {Columns} FROM members WHERE {where} ORDER BY id LIMIT @limit", null, Read, parameters.ToArray());
            var hasMore = rows.Count > limit;
            if (hasMore) rows.RemoveAt(rows.Count - 1);
            return new Page<Member>(rows, hasMore ? rows[^1].Id : null);
        }, ct);

    public Task<IReadOnlyList<(string Id, DateTimeOffset CreatedAt)>> ListCreatedAsync(string workspaceId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        db.ReadAsync<IReadOnlyList<(string, DateTimeOffset)>>(c => c.Query(
            "SELECT id, created_at FROM members WHERE workspace_id=@ws AND created_at >= @from AND created_at < @to", null,
            r => (r.GetString(0), r.Instant(1)), ("@ws", workspaceId), ("@from", fromUtc.UtcTicks), ("@to", toUtc.UtcTicks)), ct);

    public Task CreateAsync(Member member, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => Insert(c, tx, member), ct);

    public Task UpdateAsync(Member member, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) => Update(c, tx, member), ct);

    public Task<DeleteMemberResult> SoftDeleteAsync(Member member, DateTimeOffset now, CancellationToken ct = default) =>
        db.WriteAsync((c, tx) =>
        {
            var current = c.Query($"SELECT {Columns} FROM members WHERE workspace_id=@ws AND id=@id", tx, Read,
                ("@ws", member.WorkspaceId), ("@id", member.Id)).SingleOrDefault();
            if (current is null || current.Status == MemberStatus.Deleted) return DeleteMemberResult.NotFound;
            if (current.ConcurrencyToken != member.ConcurrencyToken) throw new ConcurrencyConflictException();
            try
            {
                Update(c, tx, current with { Status = MemberStatus.Deleted, DeletedAt = now, UpdatedAt = now, KeyEpoch = current.KeyEpoch + 1 });
            }
            catch (LastOwnerException)
            {
                return DeleteMemberResult.LastOwner;
            }
            return DeleteMemberResult.Deleted;
        }, ct);

    /// <summary>Decided inside the write transaction: writes are serialized, so no other change can slip in between.</summary>
    private static bool WasActiveOwner(SqliteConnection c, SqliteTransaction tx, Member m) =>
        c.Scalar("SELECT 1 FROM members WHERE workspace_id=@ws AND id=@id AND role=@owner AND status=@active AND is_blocked=0", tx,
            ("@ws", m.WorkspaceId), ("@id", m.Id), ("@owner", nameof(MemberRole.Owner)), ("@active", nameof(MemberStatus.Active))) is not null;

    private static bool OtherActiveOwnerExists(SqliteConnection c, SqliteTransaction tx, Member m) =>
        c.Scalar("SELECT 1 FROM members WHERE workspace_id=@ws AND id<>@id AND role=@owner AND status=@active AND is_blocked=0 LIMIT 1",
            tx, ("@ws", m.WorkspaceId), ("@id", m.Id), ("@owner", nameof(MemberRole.Owner)), ("@active", nameof(MemberStatus.Active))) is not null;

    internal static void Insert(SqliteConnection c, SqliteTransaction tx, Member m)
    {
        try
        {
            c.Execute($"INSERT INTO members({Columns}, email_norm, username_norm) VALUES (@ws, @id, @email, @username, @first, @last, @role, @status, @team, @tz, @blocked, @lang, @pn, @pw, @profile, @created, @updated, @deleted, @activated, 1, @epoch, @email_norm, @username_norm)",
                tx, Parameters(m));
        }
        catch (SqliteException e) { throw Translate(e); }
    }

    internal static void Update(SqliteConnection c, SqliteTransaction tx, Member m)
    {
        if (!m.IsActiveOwner && WasActiveOwner(c, tx, m) && !OtherActiveOwnerExists(c, tx, m)) throw new LastOwnerException();
        var expected = long.Parse(m.ConcurrencyToken ?? throw new ArgumentException("Member was not read from the store."), CultureInfo.InvariantCulture);
        int changed;
        try
        {
            changed = c.Execute("""
                UPDATE members SET email=@email, email_norm=@email_norm, username=@username, username_norm=@username_norm,
                    first_name=@first, last_name=@last, role=@role, status=@status, team_id=@team, time_zone=@tz,
                    is_blocked=@blocked, language=@lang, personal_number=@pn, password_hash=@pw, profile=@profile,
                    updated_at=@updated, deleted_at=@deleted, activated_at=@activated, key_epoch=@epoch, version=version+1
                WHERE workspace_id=@ws AND id=@id AND version=@version
                """, tx, [.. Parameters(m), ("@version", expected)]);
        }
        catch (SqliteException e) { throw Translate(e); }
        if (changed == 0) throw new ConcurrencyConflictException();
    }

    private static Exception Translate(SqliteException e) =>
        e.IsUniqueViolation("email_norm") ? new DuplicateValueException("email")
        : e.IsUniqueViolation("username_norm") ? new DuplicateValueException("username")
        : e;

    private static (string, object?)[] Parameters(Member m) =>
    [
        ("@ws", m.WorkspaceId), ("@id", m.Id), ("@email", m.Email), ("@email_norm", Member.Normalize(m.Email)),
        ("@username", m.Username), ("@username_norm", m.Username is null ? null : Member.Normalize(m.Username)),
        ("@first", m.FirstName), ("@last", m.LastName), ("@role", m.Role.ToString()), ("@status", m.Status.ToString()),
        ("@team", m.TeamId), ("@tz", m.TimeZone), ("@blocked", m.IsBlocked ? 1 : 0), ("@lang", m.Language),
        ("@pn", m.PersonalNumber), ("@pw", m.PasswordHash), ("@profile", JsonSerializer.Serialize(m.Profile, StorageJson.Default.MemberProfile)),
        ("@created", SqlCommands.Ticks(m.CreatedAt)), ("@updated", SqlCommands.Ticks(m.UpdatedAt)), ("@deleted", SqlCommands.Ticks(m.DeletedAt)),
        ("@activated", SqlCommands.Ticks(m.ActivatedAt)), ("@epoch", m.KeyEpoch),
    ];

    internal static Member Read(SqliteDataReader r) => new()
    {
        WorkspaceId = r.GetString(0),
        Id = r.GetString(1),
        Email = r.GetString(2),
        Username = r.NullableString(3),
        FirstName = r.GetString(4),
        LastName = r.GetString(5),
        Role = Enum.Parse<MemberRole>(r.GetString(6)),
        Status = Enum.Parse<MemberStatus>(r.GetString(7)),
        TeamId = r.NullableString(8),
        TimeZone = r.NullableString(9),
        IsBlocked = r.GetInt64(10) != 0,
        Language = r.NullableString(11),
        PersonalNumber = r.NullableString(12),
        PasswordHash = r.NullableString(13),
        Profile = JsonSerializer.Deserialize(r.GetString(14), StorageJson.Default.MemberProfile) ?? new MemberProfile(),
        CreatedAt = r.Instant(15),
        UpdatedAt = r.Instant(16),
        DeletedAt = r.NullableInstant(17),
        ActivatedAt = r.NullableInstant(18),
        ConcurrencyToken = r.GetInt64(19).ToString(CultureInfo.InvariantCulture),
        KeyEpoch = r.GetInt32(20),
    };

    private static (string Where, List<(string, object?)> Parameters) Filter(string workspaceId, MemberQuery q, string? after)
    {
        var where = new StringBuilder("workspace_id=@ws");
        var p = new List<(string, object?)> { ("@ws", workspaceId) };
        void Add(string clause, string name, object? value) { where.Append(" AND ").Append(clause); p.Add((name, value)); }

        if (after is not null) Add("id > @after", "@after", after);
        var statuses = q.Statuses.Select((s, i) => ($"@s{i}", (object?)s.ToString())).ToList();
        where.Append($" AND status IN ({string.Join(",", statuses.Select(s => s.Item1))})");
        p.AddRange(statuses);
        if (q.Roles is { Count: 0 }) where.Append(" AND 0");
        if (q.Roles is { Count: > 0 })
        {
            var roles = q.Roles.Select((r, i) => ($"@r{i}", (object?)r.ToString())).ToList();
            where.Append($" AND role IN ({string.Join(",", roles.Select(r => r.Item1))})");
            p.AddRange(roles);
        }
        if (q.TeamId is not null) Add("team_id=@team", "@team", q.TeamId);
        if (q.Id is not null) Add("id=@id", "@id", q.Id);
        if (q.Username is not null) Add("username_norm=@username", "@username", Member.Normalize(q.Username));
        if (q.Email is not null) Add("email_norm=@email", "@email", Member.Normalize(q.Email));
        if (q.FirstName is not null) Add("lower(first_name)=@first", "@first", q.FirstName.ToLowerInvariant());
        if (q.LastName is not null) Add("lower(last_name)=@last", "@last", q.LastName.ToLowerInvariant());
        if (q.Language is not null) Add("lower(language)=@lang", "@lang", q.Language.ToLowerInvariant());
        if (q.PersonalNumber is not null) Add("lower(personal_number)=@pn", "@pn", q.PersonalNumber.ToLowerInvariant());
        if (q.Enabled is { } enabled)
            Add(enabled ? "(status<>@deleted AND is_blocked=0)" : "(status=@deleted OR is_blocked=1)", "@deleted", nameof(MemberStatus.Deleted));
        if (!string.IsNullOrEmpty(q.Search))
            Add("(instr(lower(first_name || ' ' || last_name), @q) > 0 OR instr(email_norm, @q) > 0 OR instr(ifnull(username_norm, ''), @q) > 0)",
                "@q", q.Search.ToLowerInvariant());
        return (where.ToString(), p);
    }
}

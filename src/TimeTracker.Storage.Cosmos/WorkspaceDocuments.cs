using TimeTracker.Core.Members;
using TimeTracker.Core.Teams;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Everything of one workspace lives in the <c>workspaces</c> container under its own partition key: the workspace
/// itself, members, teams, and reservations that make email and username unique within it.
/// </summary>
internal static class WorkspaceDocuments
{
    public const string WorkspaceId = "workspace";

    /// <summary><c>workTimeSource</c> is absent on documents written before it existed: attendance.</summary>
    public sealed record WorkspaceDoc(string Id, string Type, string WorkspaceId, string Name, string TimeZone,
        DateTimeOffset CreatedAt,
        int? AutoClockOutAfterHours, int? ActivityRetentionDays, string? WorkTimeSource = null,
            int? ActivitySessionGapMinutes = null)
    {
        public Workspace ToWorkspace() => new(WorkspaceId, Name, TimeZone, CreatedAt, AutoClockOutAfterHours,
            ActivityRetentionDays,
            Enum.TryParse<WorkTimeSource>(WorkTimeSource, ignoreCase: true, out var source) ? source
                : Core.Workspaces.WorkTimeSource.Attendance,
            ActivitySessionGapMinutes);

        public static WorkspaceDoc From(Workspace w) => new(WorkspaceDocuments.WorkspaceId, "workspace", w.Id,
            w.Name, w.TimeZone, w.CreatedAt,
            w.AutoClockOutAfterHours, w.ActivityRetentionDays, w.WorkTimeSource.ToString().ToLowerInvariant(),
                w.ActivitySessionGapMinutes);
    }

    public sealed record MemberDoc(
        string Id, string Type, string WorkspaceId, string Email, string EmailNorm, string? Username,
            string? UsernameNorm,
        string FirstName, string LastName, string FirstNameNorm, string LastNameNorm, string Role, string Status,
            string? TeamId,
        string? TimeZone, bool IsBlocked, string? Language, string? LanguageNorm, string? PersonalNumber,
            string? PersonalNumberNorm,
        string? PasswordHash, MemberProfile Profile, DateTimeOffset CreatedAt, long CreatedTicks,
            DateTimeOffset UpdatedAt,
        DateTimeOffset? DeletedAt, DateTimeOffset? ActivatedAt, int KeyEpoch = 0,
        [property: System.Text.Json.Serialization.JsonPropertyName("_etag"),
            System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ETag = null)
    {
        public Member ToMember(string? etag = null) => new()
        {
            WorkspaceId = WorkspaceId, Id = Id, Email = Email, Username = Username, FirstName = FirstName,
                LastName = LastName,
            Role = Enum.Parse<MemberRole>(Role), Status = Enum.Parse<MemberStatus>(Status), TeamId = TeamId,
                TimeZone = TimeZone,
            IsBlocked = IsBlocked, Language = Language, PersonalNumber = PersonalNumber, PasswordHash = PasswordHash,
                Profile = Profile,
            CreatedAt = CreatedAt, UpdatedAt = UpdatedAt, DeletedAt = DeletedAt, ActivatedAt = ActivatedAt,
                KeyEpoch = KeyEpoch,
            ConcurrencyToken = etag ?? ETag,
        };

        public static MemberDoc From(Member m) => new(
            m.Id, "member", m.WorkspaceId, m.Email, Member.Normalize(m.Email), m.Username, Norm(m.Username),
            m.FirstName, m.LastName, m.FirstName.ToLowerInvariant(), m.LastName.ToLowerInvariant(),
                m.Role.ToString(), m.Status.ToString(), m.TeamId,
            m.TimeZone, m.IsBlocked, m.Language, Norm(m.Language), m.PersonalNumber, Norm(m.PersonalNumber),
            m.PasswordHash, m.Profile, m.CreatedAt, m.CreatedAt.UtcTicks, m.UpdatedAt, m.DeletedAt, m.ActivatedAt,
                m.KeyEpoch);

        private static string? Norm(string? value) => value is null ? null : Member.Normalize(value);
    }

    /// <summary>Claims a unique value (normalized email or username) for a member; its id is the value
    /// itself.</summary>
    public sealed record ReservationDoc(string Id, string Type, string WorkspaceId, string MemberId, string Field)
    {
        public static string IdFor(string field, string normalized) => $"{field}|{normalized}";
    }

    public sealed record TeamDoc(string Id, string Type, string WorkspaceId, string Name, DateTimeOffset CreatedAt)
    {
        public Team ToTeam() => new(WorkspaceId, Id, Name, CreatedAt);
        public static TeamDoc From(Team t) => new(t.Id, "team", t.WorkspaceId, t.Name, t.CreatedAt);
    }
}

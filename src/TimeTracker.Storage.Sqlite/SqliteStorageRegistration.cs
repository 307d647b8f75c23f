using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Teams;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Storage.Sqlite;

public static class SqliteStorageRegistration
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path)
    {
        services.AddSingleton(_ => new SqliteDatabase(path));
        services.AddSingleton<MemberKeys>();
        services.AddSingleton<IRollupStore, SqliteRollupStore>();
        services.AddSingleton<IWorkspaceStore, SqliteWorkspaceStore>();
        services.AddSingleton<IMemberStore, SqliteMemberStore>();
        services.AddSingleton<ITeamStore, SqliteTeamStore>();
        services.AddSingleton<IInvitationStore, SqliteInvitationStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<ILoginThrottleStore, SqliteLoginThrottleStore>();
        services.AddSingleton<SqliteAttendanceStore>();
        services.AddSingleton<IAttendanceStore>(sp => sp.GetRequiredService<SqliteAttendanceStore>());
        services.AddSingleton<IAttendanceImport>(sp => sp.GetRequiredService<SqliteAttendanceStore>());
        services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        services.AddSingleton<IActivityStore, SqliteActivityStore>();
        return services;
    }
}

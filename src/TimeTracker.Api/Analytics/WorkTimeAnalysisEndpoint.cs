using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Exports;
using TimeTracker.Api.Http;
using TimeTracker.Core;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Teams;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Analytics;

/// <summary>TrackPilots' <c>POST /v1/dashboard/work-time-analysis</c> computed as docs/API.md, Work-time analysis
/// says.</summary>
public static class WorkTimeAnalysisEndpoint
{
    public const string Message = "Fetched work time analysis successfully";
    public const int MaxDays = 366;

    public sealed record UserInfo(string UserId, string Name, string? ProfilePicUrl);
    public sealed record TimeSummary(long TotalWorkedTimeInSeconds, long ActiveWorkedTimeInSeconds,
        long IdleWorkedTimeInSeconds);
    public sealed record SessionInfo(DateTimeOffset? InTime, DateTimeOffset? OutTime, bool IsWorking);
    public sealed record Row(UserInfo User, TimeSummary TimeSummary, SessionInfo Session);

    public static Task<IResult> Analyze(HttpRequest request, AnalyticsServices services) =>
        TrackPilots.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var body = await ctx.BodyAsync();
        var range = ParseRange(body);
        var userIds = body.StringArray("userId") ?? [];
        var teamIds = body.StringArray("teamId") ?? [];
        var analysis = services.Analysis;

        // A plain user list needs only its ids, so the computation starts while the members are read and checked; its
        // result is used only if they pass (a third of a 1,000-member request's time is that read).
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(ctx.Aborted);
        var early = teamIds.Count == 0 ? analysis.ComputeAsync(caller.WorkspaceId, userIds.Distinct().ToList(),
            range, ct: abandon.Token) : null;
        List<MemberSummary> members;
        try
        {
            members = await RequestedMembersAsync(ctx, services, caller, userIds, teamIds);
        }
        catch
        {
            await abandon.CancelAsync();
            if (early is not null)
            {
                // Let it stop before the request's services go away; its outcome (likely a cancellation) is moot.
                await Task.WhenAny(early);
                _ = early.Exception;
            }
            throw;
        }
        var rows = await (early ?? analysis.ComputeAsync(caller.WorkspaceId, members.Select(m => m.Id).ToList(),
            range, ct: ctx.Aborted));
        var byId = members.ToDictionary(m => m.Id);
        var data = rows.Select(r => ToRow(byId[r.Result.UserId], r))
            .OrderBy(r => r.User.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.User.UserId,
                StringComparer.Ordinal).ToList();
        return CsvExport.IsRequested(request) ? CsvExport.Of(data.Select(WorkTimeCsvRow.From),
            "work-time-analysis.csv") : WorkTimeAnalysisJson.Ok(data, Message);
    });

    private static Row ToRow(MemberSummary member, WorkTimeAnalysis.Row row)
    {
        var r = row.Result;
        var (inTime, outTime) = r.InTime is not null
            ? (r.InTime, r.OutTime)
            : (Instant(row.LastSessionBefore?.In), Instant(row.LastSessionBefore?.Out));
        return new Row(new UserInfo(member.Id, member.DisplayName, member.Avatar),
            new TimeSummary(r.TotalSeconds, r.ActiveSeconds, r.IdleSeconds), new SessionInfo(inTime, outTime,
                row.IsWorking));
    }

    private static DateTimeOffset? Instant(long? ticks) => ticks is { } t ? TimeRange.ToInstant(t) : null;

    /// <summary>[start, end + 1 s): "00:00:00"–"23:59:59" is exactly one local day.</summary>
    internal static TimeRange ParseRange(RequestBody body)
    {
        var zoneId = body.RequiredString("timeZone", 64);
        var zone = TimeZones.Find(zoneId) ?? throw body.Invalid("timeZone",
            "must be an IANA time zone such as \"Asia/Kolkata\"");
        if (!ZoneDays.TryParseWallTime(body.RequiredString("startDate", 32), zone, out var start))
            throw body.Invalid("startDate",
                $"must be a date-time like \"2026-02-08 00:00:00\", {InputBounds.Description}");
        if (!ZoneDays.TryParseWallTime(body.RequiredString("endDate", 32), zone, out var end))
            throw body.Invalid("endDate",
                $"must be a date-time like \"2026-02-08 23:59:59\", {InputBounds.Description}");
        var range = new TimeRange(start, end + TimeSpan.TicksPerSecond);
        if (range.IsEmpty) throw body.Invalid("endDate", "must not be before startDate");
        if (range.Length > MaxDays * TimeSpan.TicksPerDay) throw body.Invalid("endDate",
            $"must be at most {MaxDays} days after startDate");
        return range;
    }

    /// <summary>The requested users and teams' members, each of whom the caller must be allowed to see.</summary>
    private static async Task<List<MemberSummary>> RequestedMembersAsync(ApiContext ctx, AnalyticsServices services,
        Caller caller, IReadOnlyList<string> userIds, IReadOnlyList<string> teamIds)
    {
        if (userIds.Count == 0 && teamIds.Count == 0) throw ApiException.BadRequest("userId",
            "Either userId or teamId must be provided. Both cannot be empty.");
        // TrackPilots types userId as string<uuid>[]: anything else is the client's mistake, not an unknown user.
        foreach (var (field, ids) in new[] { ("userId", userIds), ("teamId", teamIds) })
            if (ids.FirstOrDefault(id => !Ids.IsValid(id)) is { } malformed)
                throw ApiException.BadRequest(field, $"The {field} field must hold UUIDs; \"{malformed}\" is not one.");
        var store = services.Members;
        var members = (await store.GetSummariesAsync(caller.WorkspaceId, userIds, ctx.Aborted)).ToDictionary(m => m.Id);
        foreach (var id in userIds)
            if (!members.ContainsKey(id)) throw new ApiException(StatusCodes.Status404NotFound,
                $"User {id} not found.", "userId");
        foreach (var teamId in teamIds.Distinct())
        {
            await ctx.TeamAsync(caller, teamId, "teamId", $"Team {teamId} not found.");
            if (!caller.CanViewTeam(teamId))
                throw ApiException.Forbidden("You cannot view this team's work time.");
            foreach (var member in await store.ListTeamAsync(caller.WorkspaceId, teamId,
                ctx.Aborted)) members[member.Id] = MemberSummary.Of(member);
        }
        foreach (var member in members.Values)
            if (!caller.CanTrackFor(member.Id,
                member.TeamId)) throw ApiException.Forbidden($"You cannot view the work time of user {member.Id}.");
        return members.Values.ToList();
    }
}

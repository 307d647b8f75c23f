using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TimeTracker.Api.Exports;
using TimeTracker.Api.Http;
using TimeTracker.Api.Idempotency;
using TimeTracker.Core;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Idempotency;
using TimeTracker.Core.Members;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Attendance;

/// <summary>The attendance API (docs/API.md, Attendance): bare camelCase objects, RFC 9457 errors.</summary>
public static class AttendanceEndpoints
{
    public static Task<IResult> ClockIn(HttpRequest request, AttendanceServices services) => ProblemDetailsFamily.Handle(request, async ctx =>
    {
        var (caller, body, member) = await TargetAsync(ctx);
        var idempotency = await IdempotentRequest.BeginAsync(ctx, services.Idempotency, caller, body);
        if (idempotency.Replay is { } replay) return replay;

        var now = ctx.Now;
        var session = new AttendanceSession(caller.WorkspaceId, member.Id, LocalDate(caller, member, now),
            NewEvent(ctx, services, caller, now, body.String("officeId", 100), body.String("comment", 1000)), null);
        var json = Serialize(AttendanceEventResponse.ClockIn(session));
        var result = await WriteAsync(idempotency, () => services.Attendance.ClockInAsync(session, idempotency.Record(201, json), ctx.Aborted));
        return result switch
        {
            { Replay: { } winner } => winner,
            { Value: SessionWriteResult.AlreadyOpen } => throw ApiException.Conflict("The user is already clocked in.", "userId"),
            { Value: SessionWriteResult.Overlaps } => throw ApiException.Conflict(await BlockingSessionAsync(ctx, services, caller, member, now), "userId"),
            _ => Created(json),
        };
    });

    public static Task<IResult> ClockOut(HttpRequest request, AttendanceServices services) => ProblemDetailsFamily.Handle(request, async ctx =>
    {
        var (caller, body, member) = await TargetAsync(ctx);
        var idempotency = await IdempotentRequest.BeginAsync(ctx, services.Idempotency, caller, body);
        if (idempotency.Replay is { } replay) return replay;

        var clockOut = NewEvent(ctx, services, caller, ctx.Now, body.String("officeId", 100), body.String("comment", 1000));
        var result = await WriteAsync(idempotency, () => services.Attendance.ClockOutAsync(caller.WorkspaceId, member.Id, clockOut,
            idempotency.Record(201, ""), closed => Serialize(AttendanceEventResponse.ClockOut(closed)), ctx.Aborted));
        return result switch
        {
            { Replay: { } winner } => winner,
            { Value.Result: SessionWriteResult.NoneOpen } => throw ApiException.Conflict("The user is not clocked in.", "userId"),
            { Value.Session: { } closed } => Created(Serialize(AttendanceEventResponse.ClockOut(closed))),
            _ => throw new InvalidOperationException("Clock-out wrote nothing and reported no reason."),
        };
    });

    public static Task<IResult> Create(HttpRequest request, AttendanceServices services) => ProblemDetailsFamily.Handle(request, async ctx =>
    {
        var (caller, body, member) = await TargetAsync(ctx);
        var date = ParseDate(body.RequiredString("date", 10), "date");
        var clockIn = Instant(body, "clockInTimestampUtc");
        var clockOut = Instant(body, "clockOutTimestampUtc");
        if (AttendanceRules.CheckPair(clockIn, clockOut, ctx.Now) is { } rule) throw body.Invalid("clockOutTimestampUtc", rule);
        var localDate = LocalDate(caller, member, clockIn);
        if (date != localDate)
            throw body.Invalid("date", $"must be {localDate:yyyy-MM-dd}, the user's local date at clockInTimestampUtc");
        var idempotency = await IdempotentRequest.BeginAsync(ctx, services.Idempotency, caller, body);
        if (idempotency.Replay is { } replay) return replay;

        var officeId = body.String("officeId", 100);
        var session = new AttendanceSession(caller.WorkspaceId, member.Id, date,
            NewEvent(ctx, services, caller, clockIn, officeId, body.String("clockInComment", 1000)),
            NewEvent(ctx, services, caller, clockOut, officeId, body.String("clockOutComment", 1000)));
        var json = Serialize(AttendanceEventResponse.Pair(session));
        var result = await WriteAsync(idempotency, () => services.Attendance.AddPairAsync(session, idempotency.Record(201, json), ctx.Aborted));
        return result switch
        {
            { Replay: { } winner } => winner,
            { Value: SessionWriteResult.Overlaps } => throw ApiException.Conflict("The pair overlaps another session of the user.", "clockInTimestampUtc"),
            _ => Created(json),
        };
    });

    public static Task<IResult> Delete(HttpRequest request, string id, AttendanceServices services) => ProblemDetailsFamily.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var store = services.Attendance;
        var session = (Ids.IsValid(id) ? await store.FindByEventAsync(caller.WorkspaceId, id, ctx.Aborted) : null)
            ?? throw ApiException.NotFound("Attendance event");
        var owner = await services.Members.GetAsync(caller.WorkspaceId, session.UserId, ctx.Aborted);
        if (owner is null || !caller.CanTrackFor(owner)) throw ApiException.Forbidden("You cannot change this user's attendance.");
        if (!await store.DeleteAsync(caller.WorkspaceId, session.Id, ctx.Aborted)) throw ApiException.NotFound("Attendance event");
        return Results.Json("Ok");
    });

    public static Task<IResult> Query(HttpRequest request, AttendanceServices services) => ProblemDetailsFamily.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var from = ParseDate(request.RequiredText("startDate"), "startDate");
        var to = ParseDate(request.RequiredText("endDate"), "endDate");
        if (to < from) throw ApiException.BadRequest("endDate", "The endDate must not be before startDate.");
        if (to.DayNumber - from.DayNumber + 1 > AttendanceRules.MaxQueryDays)
            throw ApiException.BadRequest("endDate", $"The range may span at most {AttendanceRules.MaxQueryDays} days.");
        var users = await VisibleUsersAsync(ctx, services, caller, [.. request.List("userId"), .. request.List("userIds")]);
        var sessions = await services.Attendance.GetByDateAsync(caller.WorkspaceId, users, from, to, ctx.Aborted);
        if (CsvExport.IsRequested(request))
            return CsvExport.Of(sessions.OrderBy(s => s.Start).ThenBy(s => s.UserId).Select(AttendanceCsvRow.From), $"attendance-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
        var events = sessions.SelectMany(AttendanceEventResponse.Both).OrderBy(e => e.Timestamp).ThenBy(e => e.Type).ToList();
        return Results.Json(events, AttendanceEventResponse.Json);
    });

    /// <summary>Names the recorded session a clock-in ran into, so the client can find and fix it.</summary>
    private static async Task<string> BlockingSessionAsync(ApiContext ctx, AttendanceServices services, Caller caller, Member member, DateTimeOffset now)
    {
        var sessions = await services.Attendance.GetOverlappingAsync(caller.WorkspaceId, [member.Id], now, now.AddTicks(1), ctx.Aborted);
        return sessions.FirstOrDefault(s => s.ClockOut is not null) is { ClockOut: { } clockOut } blocking
            ? $"A recorded session of the user covers this moment: clock-in event {blocking.ClockIn.Id} " +
              $"({blocking.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z to {clockOut.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z)."
            : "A recorded session of the user covers this moment.";
    }

    /// <summary>Null means every user of the workspace.</summary>
    private static async Task<IReadOnlyCollection<string>?> VisibleUsersAsync(ApiContext ctx, AttendanceServices services, Caller caller, IReadOnlyList<string> requested)
    {
        var members = services.Members;
        if (requested.Count == 0)
        {
            if (caller.SeesEveryone()) return null;
            if (caller.ManagedTeam() is { } team)
                return [.. (await members.ListTeamAsync(caller.WorkspaceId, team, ctx.Aborted)).Select(m => m.Id), caller.MemberId];
            return [caller.MemberId];
        }
        var field = ctx.Request.Query.ContainsKey("userIds") ? "userIds" : "userId";
        var found = (await members.GetManyAsync(caller.WorkspaceId, requested, ctx.Aborted)).ToDictionary(m => m.Id);
        foreach (var id in requested.Distinct())
        {
            if (!found.TryGetValue(id, out var member)) throw new ApiException(StatusCodes.Status404NotFound, $"User {id} not found.", field);
            if (!caller.CanTrackFor(member)) throw ApiException.Forbidden($"You cannot view the attendance of user {id}.");
        }
        return requested.Distinct().ToList();
    }

    /// <summary>Authenticates, reads the body, and resolves the <c>userId</c> the caller may record attendance for.</summary>
    private static async Task<(Caller Caller, RequestBody Body, Member Member)> TargetAsync(ApiContext ctx)
    {
        var caller = await ctx.CallerAsync();
        var body = await ctx.BodyAsync();
        var userId = body.RequiredId("userId");
        // Most members clock themselves in: the caller's own member was read with the key.
        var member = (userId == caller.MemberId ? caller.Self : null) ?? await ctx.MemberAsync(caller, userId, "User", "userId");
        if (!caller.CanTrackFor(member)) throw ApiException.Forbidden("You cannot record attendance for this user.");
        if (member.Status != MemberStatus.Active) throw ApiException.Conflict("The user is not active.", "userId");
        return (caller, body, member);
    }

    private static AttendanceEvent NewEvent(ApiContext ctx, AttendanceServices services, Caller caller, DateTimeOffset timestamp, string? officeId, string? comment) =>
        new(Ids.New(), timestamp, ctx.Now, caller.MemberId, officeId,
            ClientAddress.Of(ctx.Request, services.Options.Value.TrustForwardedFor), comment);

    /// <summary>The member's zone, else the workspace's (read with the caller's key; the member is of that workspace).</summary>
    private static DateOnly LocalDate(Caller caller, Member member, DateTimeOffset instant) =>
        ZoneDays.DateIn(instant, member.TimeZone ?? caller.Workspace?.TimeZone ?? "UTC");

    private sealed record Outcome<T>(T? Value, IResult? Replay);

    private static async Task<Outcome<T>> WriteAsync<T>(IdempotentRequest idempotency, Func<Task<T>> write)
    {
        try
        {
            return new Outcome<T>(await write(), null);
        }
        catch (IdempotencyKeyTakenException)
        {
            return new Outcome<T>(default, await idempotency.ReplayWinnerAsync());
        }
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, AttendanceEventResponse.Json);

    private static IResult Created(string json) => Results.Content(json, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);

    private static DateOnly ParseDate(string text, string field) =>
        IsoInstant.TryParseDate(text, out var date)
            ? date
            : throw ApiException.BadRequest(field, $"The {field} must be a date in YYYY-MM-DD format, {InputBounds.Description}.");

    internal static DateTimeOffset Instant(RequestBody body, string name)
    {
        var text = body.RequiredString(name, 40);
        if (!IsoInstant.TryParse(text, offsetRequired: false, out var value))
            throw body.Invalid(name, $"must be an ISO 8601 date-time such as 2025-07-18T08:00:00, {InputBounds.Description}");
        return value;
    }
}

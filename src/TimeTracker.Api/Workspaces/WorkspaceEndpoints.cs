using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;
using TimeTracker.Api.Members;
using TimeTracker.Core.Workspaces;

namespace TimeTracker.Api.Workspaces;

/// <summary>Workspaces: created by the operator (<c>X-Admin-Key</c>), read and configured by their members.</summary>
public static class WorkspaceEndpoints
{
    public sealed record WorkspaceResponse(string Id, string Name, string Timezone, DateTimeOffset CreatedAt,
        int? AutoClockOutAfterHours, int? ActivityRetentionDays, string WorkTimeSource, int ActivitySessionGapMinutes)
    {
        public static WorkspaceResponse From(Workspace w) => new(w.Id, w.Name, w.TimeZone, w.CreatedAt,
            w.AutoClockOutAfterHours,
            w.ActivityRetentionDays, w.WorkTimeSource.ToString().ToLowerInvariant(), (int)w.SessionGap.TotalMinutes);
    }

    public static Task<IResult> Create(HttpRequest request, WorkspaceServices services) => WebWork.Handle(request,
        async ctx =>
    {
        services.AdminKey.Require(request);
        var body = await ctx.BodyAsync();
        var name = body.RequiredString("name", 200);
        var timeZone = MemberFields.TimeZone(body, "timezone") ?? throw ApiException.Required("timezone");
        var owner = body.Object("owner") ?? throw ApiException.Required("owner");
        var spec = new WorkspaceProvisioning.OwnerSpec(
            MemberFields.Email(owner), owner.RequiredString("firstname", 100), owner.RequiredString("lastname", 100),
            owner.Has("password") ? MemberFields.Password(owner) : null);
        var created = await services.Provisioning.CreateAsync(name, timeZone, spec, ctx.Aborted);
        return WebWork.Ok(ctx, new
        {
            Workspace = WorkspaceResponse.From(created.Workspace),
            Owner = MemberResponse.From(created.Owner, null),
            Token = created.Token.ToString(),
        }, "Workspace created successfully", StatusCodes.Status201Created);
    });

    public static Task<IResult> GetCurrent(HttpRequest request, WorkspaceServices services) =>
        WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var workspace = await services.Workspaces.GetAsync(caller.WorkspaceId,
            ctx.Aborted) ?? throw ApiException.NotFound("Workspace");
        return WebWork.Ok(ctx, WorkspaceResponse.From(workspace), "Workspace retrieved successfully");
    });

    public static Task<IResult> UpdateCurrent(HttpRequest request, WorkspaceServices services) =>
        WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.ManagerAsync();
        var body = await ctx.BodyAsync();
        var before = await services.Workspaces.GetAsync(caller.WorkspaceId,
            ctx.Aborted) ?? throw ApiException.NotFound("Workspace");
        var updated = before with
        {
            Name = body.Has("name") ? body.RequiredString("name", 200) : before.Name,
            TimeZone = body.Has("timezone") ? MemberFields.TimeZone(body,
                "timezone") ?? throw ApiException.Required("timezone") : before.TimeZone,
            AutoClockOutAfterHours = body.Has("auto_clock_out_after_hours") ? body.Int("auto_clock_out_after_hours",
                1, 48) : before.AutoClockOutAfterHours,
            ActivityRetentionDays = body.Has("activity_retention_days") ? body.Int("activity_retention_days", 1,
                3650) : before.ActivityRetentionDays,
            WorkTimeSource = body.Has("work_time_source") ? Source(body) : before.WorkTimeSource,
            ActivitySessionGapMinutes = body.Has("activity_session_gap_minutes")
                ? body.Int("activity_session_gap_minutes", 1, MaxSessionGapMinutes)
                : before.ActivitySessionGapMinutes,
        };
        var reapply = body.Has("work_time_source") || body.Has("activity_session_gap_minutes");
        await services.Settings.SaveAsync(before, updated, reapply, ctx.Aborted);
        return WebWork.Ok(ctx, WorkspaceResponse.From(updated), "Workspace updated successfully");
    });

    /// <summary>Longer pauses than two hours are breaks, not work: a lunch would otherwise count as idle work
    /// time.</summary>
    public const int MaxSessionGapMinutes = 120;

    private static WorkTimeSource Source(RequestBody body) => body.RequiredString("work_time_source", 16) switch
    {
        "attendance" => WorkTimeSource.Attendance,
        "activity" => WorkTimeSource.Activity,
        _ => throw body.Invalid("work_time_source", "must be \"attendance\" or \"activity\""),
    };
}

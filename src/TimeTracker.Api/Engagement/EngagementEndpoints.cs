using Microsoft.AspNetCore.Http;
using NodaTime;
using TimeTracker.Api.Http;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Engagement;

/// <summary>Rocket.Chat's engagement dashboard users endpoints (docs/API.md, Engagement dashboard). Needs <c>view-engagement-dashboard</c>.</summary>
public static class EngagementEndpoints
{
    public const int MaxDays = 7320;

    public static Task<IResult> ActiveUsers(HttpRequest request, EngagementServices services) => RocketChat.Handle(request, async ctx =>
    {
        var (caller, zone, from, to) = await ParseAsync(ctx);
        var days = await services.ActiveUsers.ComputeAsync(caller.WorkspaceId, zone, from, to, ct: ctx.Aborted);
        return Render(days.Select(d => (d.Date, d.UserIds)));
    });

    public static Task<IResult> NewUsers(HttpRequest request, EngagementServices services) => RocketChat.Handle(request, async ctx =>
    {
        var (caller, zone, from, to) = await ParseAsync(ctx);
        var span = new TimeRange(ZoneDays.Day(from, zone).Start, ZoneDays.Day(to, zone).End);
        var created = await services.Members.ListCreatedAsync(caller.WorkspaceId, TimeRange.ToInstant(span.Start), TimeRange.ToInstant(span.End), ctx.Aborted);
        var universe = created.Select(m => m.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        var days = created.GroupBy(m => ZoneDays.DateOf(m.CreatedAt.UtcTicks, zone))
            .OrderByDescending(g => g.Key)
            .Select(g => (g.Key, RankedIds.Of(universe, g.Select(m => m.Id))));
        return Render(days);
    });

    private static DaysJsonResult Render(IEnumerable<(LocalDate Date, RankedIds Users)> days) => new DaysJsonResult(days.ToList());

    private static async Task<(Caller Caller, DateTimeZone Zone, LocalDate From, LocalDate To)> ParseAsync(ApiContext ctx)
    {
        var caller = await ctx.CallerAsync();
        if (!caller.CanViewEngagementDashboard()) throw ApiException.Forbidden();
        var start = Instant(ctx.Request, "start");
        var end = Instant(ctx.Request, "end");
        var zoneId = ctx.Request.Text("timeZone") ?? "UTC";
        var zone = TimeZones.Find(zoneId) ?? throw ApiException.BadRequest("timeZone", "Unknown time zone.");
        var from = ZoneDays.DateOf(start.UtcTicks, zone);
        var to = ZoneDays.DateOf(end.UtcTicks, zone);
        if (to < from || Period.Between(from, to, PeriodUnits.Days).Days >= MaxDays) throw ApiException.BadRequest("end", "The end must be after start and within 20 years of it.");
        return (caller, zone, from, to);
    }

    private static DateTimeOffset Instant(HttpRequest request, string name)
    {
        var text = request.Text(name);
        if (!IsoInstant.TryParse(text, offsetRequired: false, out var value))
            throw ApiException.BadRequest(name, $"The {name} parameter must be an ISO 8601 date-time {InputBounds.Description}.");
        return value;
    }
}

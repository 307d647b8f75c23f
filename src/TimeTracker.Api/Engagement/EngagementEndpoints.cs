using System.Runtime.CompilerServices;
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
        // Streamed: the days are computed while the response is written (the request's abort token reaches both).
        return new DaysJsonResult(Days(services.ActiveUsers.StreamAsync(caller.WorkspaceId, zone, from, to)));
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
        return new DaysJsonResult(days.ToAsyncEnumerable());
    });

    private static async IAsyncEnumerable<(LocalDate Date, RankedIds Users)> Days(
        IAsyncEnumerable<ActiveUsers.Day> days, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var day in days.WithCancellation(ct)) yield return (day.Date, day.UserIds);
    }

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

using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Jobs;
using TimeTracker.Core.Time;

namespace TimeTracker.Tests.Unit;

public sealed class ChunkSummariesTests
{
    private const long Hour = TimeSpan.TicksPerHour;
    private const long Day = TimeSpan.TicksPerDay;
    private static readonly long Monday =
        ZoneDays.UtcDay(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).UtcTicks);

    [Fact]
    public void A_step_summarizes_each_member_day_as_the_day_alone_would_even_with_rows_out_of_member_order()
    {
        long At(long day, double hours) => day * Day + (long)(hours * Hour);
        var sessions = new List<MemberSession>
        {
            new("u1", new SessionRef(At(Monday, 8), At(Monday, 12))),
            // An overnight session: it belongs to two days.
            new("u2", new SessionRef(At(Monday, 22), At(Monday + 1, 3))),
            // u1 again after u2: a store that does not group rows by member still gets every row dealt.
            new("u1", new SessionRef(At(Monday + 2, 9), null)),
        };
        var idle = new List<(string, DateTimeOffset, DateTimeOffset)>
        {
            ("u1", TimeRange.ToInstant(At(Monday, 9)), TimeRange.ToInstant(At(Monday, 9.5))),
            ("u2", TimeRange.ToInstant(At(Monday + 1, 1)), TimeRange.ToInstant(At(Monday + 1, 2))),
            // A member without sessions, and an idle sample on a day u1 did not work.
            ("u3", TimeRange.ToInstant(At(Monday, 9)), TimeRange.ToInstant(At(Monday, 10))),
            ("u1", TimeRange.ToInstant(At(Monday + 1, 9)), TimeRange.ToInstant(At(Monday + 1, 10))),
        };
        var raw = new RawWork(sessions, [], idle);
        var now = At(Monday + 2, 11);
        // A dirty-day step: days need not be consecutive.
        long[] days = [Monday, Monday + 1, Monday + 2, Monday + 5];

        var summaries = ChunkSummaries.Compute(raw, days, now);

        string[] users = ["u1", "u2", "u3"];
        var expected = users.SelectMany(user => days.Select(day => DaySummary.Compute(user, day,
                sessions.Where(s => s.UserId == user).Select(s => s.Session), [],
                idle.Where(i => i.Item1 == user).Select(i => TimeRange.Of(i.Item2, i.Item3)), now)))
            .Where(s => !s.Work.IsEmpty).ToList();
        Assert.Equal(expected.Select(Describe).Order(), summaries.Select(Describe).Order());
        Assert.Equal(4, summaries.Count);
    }

    private static string Describe(DaySummary s) =>
        $"{s.UserId} {s.Day} work {string.Join(",", s.Work.Items)} idle {string.Join(",", s.Idle.Items)} " +
        $"sessions {string.Join(",", s.Sessions)}";
}

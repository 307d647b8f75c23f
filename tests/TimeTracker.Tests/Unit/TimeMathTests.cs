using NodaTime;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Attendance;
using TimeTracker.Core.Time;

namespace TimeTracker.Tests.Unit;

public sealed class TimeMathTests
{
    private static long T(string iso) => DateTimeOffset.Parse(iso).UtcTicks;
    private static TimeRange R(string from, string to) => new(T(from), T(to));
    private const long Hour = TimeSpan.TicksPerHour;

    [Fact]
    public void Union_merges_overlapping_and_touching_intervals_and_drops_empty_ones()
    {
        var set = IntervalSet.Union([new(10, 20), new(15, 30), new(30, 40), new(50, 50), new(60, 70)]);
        Assert.Equal([new TimeRange(10, 40), new TimeRange(60, 70)], set.Items);
        Assert.Equal(40, set.TotalLength);
    }

    [Fact]
    public void Intersection_and_clipping_keep_only_the_shared_parts()
    {
        var a = IntervalSet.Union([new(0, 10), new(20, 30)]);
        var b = IntervalSet.Union([new(5, 25)]);
        Assert.Equal([new TimeRange(5, 10), new TimeRange(20, 25)], a.Intersect(b).Items);
        Assert.Equal([new TimeRange(8, 10), new TimeRange(20, 22)], a.Clip(new TimeRange(8, 22)).Items);
        Assert.Equal(4, a.LengthWithin(new TimeRange(8, 22)));
        Assert.True(a.Intersect(IntervalSet.Union([new(10, 20)])).IsEmpty);
    }

    public static TheoryData<string, string, double> DayLengths => new()
    {
        { "America/New_York", "2026-03-08", 23 },
        { "America/New_York", "2026-11-01", 25 },
        { "America/New_York", "2026-07-04", 24 },
        { "Australia/Lord_Howe", "2026-04-05", 24.5 },
        { "Australia/Lord_Howe", "2026-10-04", 23.5 },
        { "Pacific/Chatham", "2026-04-05", 25 },
        { "Pacific/Chatham", "2026-09-27", 23 },
        { "Asia/Kolkata", "2026-03-08", 24 },
        { "Asia/Kathmandu", "2026-03-08", 24 },
    };

    [Theory]
    [MemberData(nameof(DayLengths))]
    public void Local_days_have_their_real_length_on_DST_days(string zone, string date, double hours)
    {
        var day = ZoneDays.Day(LocalDate.FromDateTime(DateTime.Parse(date)), TimeZones.Get(zone));
        Assert.Equal((long)(hours * Hour), day.Length);
    }

    [Theory]
    [InlineData("Asia/Kolkata", "2026-02-08T00:00:00", "2026-02-07T18:30:00Z")]
    [InlineData("Asia/Kathmandu", "2026-02-08T00:00:00", "2026-02-07T18:15:00Z")]
    [InlineData("Pacific/Chatham", "2026-02-08T00:00:00", "2026-02-07T10:15:00Z")]
    [InlineData("Pacific/Chatham", "2026-07-08T00:00:00", "2026-07-07T11:15:00Z")]
    [InlineData("Australia/Lord_Howe", "2026-01-08T00:00:00", "2026-01-07T13:00:00Z")]
    [InlineData("Australia/Lord_Howe", "2026-07-08T00:00:00", "2026-07-07T13:30:00Z")]
    public void Day_starts_land_on_the_zone_offset_including_half_and_quarter_hours(string zone, string local,
        string utc)
    {
        var day = ZoneDays.Day(LocalDate.FromDateTime(DateTime.Parse(local)), TimeZones.Get(zone));
        Assert.Equal(T(utc), day.Start);
        Assert.Equal(0, day.Start % QuarterHourMask.SlotTicks);
    }

    [Theory]
    // Spring forward in New York: 02:30 does not exist and moves forward by the gap, to 03:30 EDT.
    [InlineData("America/New_York", "2026-03-08 02:30:00", "2026-03-08T07:30:00Z")]
    // Fall back: 01:30 happens twice; the earlier (EDT) instant wins.
    [InlineData("America/New_York", "2026-11-01 01:30:00", "2026-11-01T05:30:00Z")]
    // Lord Howe springs forward 30 minutes at 02:00: 02:15 becomes 02:45 at +11:00.
    [InlineData("Australia/Lord_Howe", "2026-10-04 02:15:00", "2026-10-03T15:45:00Z")]
    [InlineData("Asia/Kolkata", "2026-02-08T23:59:59", "2026-02-08T18:29:59Z")]
    public void Wall_times_resolve_gaps_forward_and_overlaps_to_the_earlier_instant(string zone, string wall,
        string utc)
    {
        Assert.True(ZoneDays.TryParseWallTime(wall, TimeZones.Get(zone), out var ticks));
        Assert.Equal(T(utc), ticks);
    }

    [Theory]
    [InlineData("2026-02-08")]
    [InlineData("2026-02-08 25:00:00")]
    [InlineData("08/02/2026 00:00:00")]
    [InlineData("")]
    public void Malformed_wall_times_do_not_parse(string text) => Assert.False(ZoneDays.TryParseWallTime(text,
        DateTimeZone.Utc, out _));

    private static SessionRef Session(string from, string? to) => SessionRef.Of(new AttendanceSession("w", "u",
        new DateOnly(2026, 1, 1), new AttendanceEvent("in", DateTimeOffset.Parse(from), default, "u", null, null, null),
        to is null ? null : new AttendanceEvent("out", DateTimeOffset.Parse(to), default, "u", null, null, null)));

    [Fact]
    public void Day_summaries_clip_sessions_crossing_midnight_and_month_end_and_keep_idle_inside_work()
    {
        var session = Session("2026-01-31T22:00:00Z", "2026-02-01T03:00:00Z");
        var idle = new[] { R("2026-01-31T23:30:00Z", "2026-02-01T00:30:00Z"), R("2026-02-01T05:00:00Z",
            "2026-02-01T06:00:00Z") };
        var jan31 = DaySummary.Compute("u", ZoneDays.UtcDay(T("2026-01-31T12:00:00Z")), [session], [], idle,
            T("2026-03-01T00:00:00Z"));
        var feb1 = DaySummary.Compute("u", ZoneDays.UtcDay(T("2026-02-01T12:00:00Z")), [session], [], idle,
            T("2026-03-01T00:00:00Z"));

        Assert.Equal(2 * Hour, jan31.WorkTicks);
        Assert.Equal(Hour / 2, jan31.IdleTicks);
        Assert.Equal(3 * Hour, feb1.WorkTicks);
        Assert.Equal(Hour / 2, feb1.IdleTicks);
        Assert.Single(feb1.Sessions);
    }

    [Fact]
    public void An_open_session_runs_until_now()
    {
        var open = Session("2026-02-01T08:00:00Z", null);
        var day = DaySummary.Compute("u", ZoneDays.UtcDay(T("2026-02-01T12:00:00Z")), [open], [], [],
            T("2026-02-01T10:30:00Z"));
        Assert.Equal(2.5 * Hour, day.WorkTicks);
        Assert.True(day.Totals().HasOpen);
        Assert.Null(day.Totals().LastOut);
    }

    [Fact]
    public void A_tally_gives_the_same_answer_from_raw_data_and_from_clipped_day_summaries()
    {
        var sessions = new[] { Session("2026-02-07T20:00:00Z", "2026-02-07T22:00:00Z"),
            Session("2026-02-08T03:00:00Z", "2026-02-08T11:00:00Z") };
        var idle = new[] { R("2026-02-08T04:00:00Z", "2026-02-08T04:30:00Z") };
        var now = T("2026-03-01T00:00:00Z");
        var kolkataDay = ZoneDays.Day(new LocalDate(2026, 2, 8), TimeZones.Get("Asia/Kolkata"));

        var raw = new WorkTimeTally("u");
        raw.AddRaw(MemberWork.Compute(sessions, [], idle, kolkataDay, now), kolkataDay, now);
        var fromDays = new WorkTimeTally("u");
        foreach (var day in new[] { ZoneDays.UtcDay(kolkataDay.Start), ZoneDays.UtcDay(kolkataDay.End - 1) })
            fromDays.AddClipped(DaySummary.Compute("u", day, sessions, [], idle, now), kolkataDay, now);

        Assert.Equal(new WorkTimeResult("u", 36000, 34200, 1800, DateTimeOffset.Parse("2026-02-07T20:00:00Z"),
            DateTimeOffset.Parse("2026-02-08T11:00:00Z")), raw.Result());
        Assert.Equal(raw.Result(), fromDays.Result());
    }

    [Fact]
    public void A_span_touches_the_utc_days_of_start_end_exclusive_and_an_empty_span_its_start_day()
    {
        long Day(string instant) => ZoneDays.UtcDay(T(instant));
        Assert.Equal([Day("2026-02-08T00:00:00Z")], ZoneDays.UtcDaysTouched(T("2026-02-08T00:00:00Z"),
            T("2026-02-09T00:00:00Z")));
        Assert.Equal([Day("2026-02-08T23:00:00Z"), Day("2026-02-09T00:00:00Z")],
            ZoneDays.UtcDaysTouched(T("2026-02-08T23:00:00Z"), T("2026-02-09T00:00:01Z")));
        Assert.Equal([Day("2026-02-08T12:00:00Z")], ZoneDays.UtcDaysTouched(T("2026-02-08T12:00:00Z"),
            T("2026-02-08T12:00:00Z")));
        Assert.Equal(3, ZoneDays.UtcDaysTouched(T("2026-02-07T23:00:00Z"), T("2026-02-09T01:00:00Z")).Count());
    }

    [Fact]
    public void An_open_session_works_until_now_and_never_before_its_start()
    {
        var start = DateTimeOffset.Parse("2026-02-08T09:00:00Z");
        var clockIn = new TimeTracker.Core.Attendance.AttendanceEvent("in", start, start, "u", null, null, null);
        var open = new TimeTracker.Core.Attendance.AttendanceSession("w", "u", new DateOnly(2026, 2, 8), clockIn, null);
        Assert.Equal(start.AddHours(2), open.WorkedUntil(start.AddHours(2)));
        Assert.Equal(start, open.WorkedUntil(start.AddHours(-1)));
        var closed = open with { ClockOut = clockIn with { Id = "out", Timestamp = start.AddHours(8) } };
        Assert.Equal(start.AddHours(8), closed.WorkedUntil(start.AddDays(3)));
        Assert.Equal(start.AddHours(8).UtcTicks, new SessionRef(start.UtcTicks,
            start.AddHours(8).UtcTicks).WorkedUntil(0));
    }

    [Fact]
    public void Quarter_hour_masks_mark_exactly_the_slots_with_worked_time()
    {
        var day = ZoneDays.UtcDay(T("2026-02-08T00:00:00Z"));
        var work = IntervalSet.Union([R("2026-02-08T18:29:00Z", "2026-02-08T18:31:00Z")]);
        var mask = QuarterHourMask.FromWork(work, day);
        Assert.Equal(QuarterHourMask.Range(73, 75), mask); // 18:15-18:30 and 18:30-18:45
        var endOfDay = QuarterHourMask.FromWork(IntervalSet.Union([R("2026-02-08T23:50:00Z",
            "2026-02-09T00:00:00Z")]), day);
        Assert.Equal(QuarterHourMask.Range(95, 96), endOfDay);
        Assert.False(endOfDay.Intersects(QuarterHourMask.Range(0, 95)));
    }
}

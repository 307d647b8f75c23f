using TimeTracker.Core.Activity;
using TimeTracker.Core.Time;

namespace TimeTracker.Tests.Unit;

/// <summary>docs/API.md, Work time from activity: how samples become sessions, and what a late batch changes.</summary>
public sealed class ActivitySessionTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromMinutes(10);
    private const long Minute = TimeSpan.TicksPerMinute;

    private static TimeRange M(long from, long to) => new(from * Minute, to * Minute);

    [Fact]
    public void A_pause_of_exactly_the_gap_joins_and_a_tick_longer_splits()
    {
        var joined = ActivitySession.Derive("u", IntervalSet.Union([M(0, 20), M(30, 50)]), Gap);
        Assert.Equal(M(0, 50), Assert.Single(joined).Span);
        Assert.Equal([M(20, 30)], joined[0].Gaps.Items);

        var split = ActivitySession.Derive("u", IntervalSet.Union([M(0, 20), new TimeRange(30 * Minute + 1,
            50 * Minute)]), Gap);
        Assert.Equal([M(0, 20), new TimeRange(30 * Minute + 1, 50 * Minute)], split.Select(s => s.Span));
    }

    [Fact]
    public void A_late_sample_bridging_two_sessions_removes_both_and_adds_their_union()
    {
        var stored = ActivitySession.Derive("u", IntervalSet.Union([M(0, 20), M(60, 80)]), Gap);
        var change = ActivitySession.Merge("u", stored, [M(25, 55)], Gap);
        Assert.Equal(2, change.Removed.Count);
        var added = Assert.Single(change.Added);
        Assert.Equal(M(0, 80), added.Span);
        Assert.Equal([M(20, 25), M(55, 60)], added.Gaps.Items);
    }

    [Fact]
    public void A_sample_inside_a_session_changes_only_its_coverage_and_a_re_sent_one_changes_nothing()
    {
        var stored = ActivitySession.Derive("u", IntervalSet.Union([M(0, 20), M(25, 40)]), Gap);
        var filled = ActivitySession.Merge("u", stored, [M(20, 25)], Gap);
        Assert.Equal(M(0, 40), Assert.Single(filled.Added).Span);
        Assert.True(filled.Added[0].Gaps.IsEmpty);

        var resent = ActivitySession.Merge("u", stored, [M(0, 20)], Gap);
        Assert.Empty(resent.Removed);
        Assert.Empty(resent.Added);
        Assert.Empty(resent.DaysTouched());
    }

    [Fact]
    public void The_days_a_change_touches_are_every_UTC_day_of_the_grown_session()
    {
        var day = 20_000L * 24 * 60;
        var stored = ActivitySession.Derive("u", IntervalSet.Union([M(day - 30, day - 5)]), Gap);
        var change = ActivitySession.Merge("u", stored, [M(day + 2, day + 30)], Gap);
        Assert.Equal([20_000L - 1, 20_000L], change.DaysTouched().Order());
    }

    [Fact]
    public void Except_removes_covered_parts_and_keeps_the_rest()
    {
        var set = IntervalSet.Union([M(0, 10), M(20, 30)]);
        Assert.Equal([M(0, 2), M(5, 10), M(25, 30)], set.Except(IntervalSet.Union([M(2, 5), M(15, 25)])).Items);
        Assert.True(set.Except(IntervalSet.Union([M(-1, 40)])).IsEmpty);
        Assert.Same(set, set.Except(IntervalSet.Empty));
    }
}

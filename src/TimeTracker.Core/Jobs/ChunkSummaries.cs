using TimeTracker.Core.Activity;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Jobs;

/// <summary>
/// Summarizes one rollup step's member-days from its raw read, one member at a time: a member's sessions and idle
/// samples are dealt into per-day buckets that every member reuses. A dictionary keyed by (member, day) held the
/// whole step's inputs at once instead (~55,000 entries, each with its lists), which lived long enough to reach the
/// garbage collector's oldest generation and made most of the backfill's full collections.
/// </summary>
public sealed class ChunkSummaries
{
    private readonly long _firstDay;
    private readonly bool[] _wanted;
    private readonly List<SessionRef>[] _sessions;
    private readonly List<ActivitySession>[] _derived;
    private readonly List<TimeRange>[] _idle;

    private ChunkSummaries(IReadOnlyList<long> days)
    {
        _firstDay = days.Min();
        _wanted = new bool[days.Max() - _firstDay + 1];
        foreach (var day in days) _wanted[day - _firstDay] = true;
        _sessions = NewBuckets<SessionRef>(_wanted.Length);
        _derived = NewBuckets<ActivitySession>(_wanted.Length);
        _idle = NewBuckets<TimeRange>(_wanted.Length);
    }

    /// <summary>Every member-day among <paramref name="days"/> with worked time, in member order.</summary>
    public static List<DaySummary> Compute(RawWork raw, IReadOnlyList<long> days, long nowTicks)
    {
        var summaries = new List<DaySummary>();
        if (days.Count == 0) return summaries;
        var buckets = new ChunkSummaries(days);
        foreach (var (user, rows) in RowsByMember(raw)) buckets.Summarize(user, raw, rows, nowTicks, summaries);
        return summaries;
    }

    /// <summary>Where one member's rows are in each of the raw lists: runs of indexes, as [start, end).</summary>
    private sealed class MemberRows
    {
        public readonly List<(int Start, int End)> Sessions = [];
        public readonly List<(int Start, int End)> Derived = [];
        public readonly List<(int Start, int End)> Idle = [];
    }

    /// <summary>
    /// Stores return each member's rows together, so a member's rows are one run per list and nothing is copied;
    /// runs split by another member's rows are still all found.
    /// </summary>
    private static Dictionary<string, MemberRows> RowsByMember(RawWork raw)
    {
        var members = new Dictionary<string, MemberRows>();
        void Runs<T>(IReadOnlyList<T> rows, Func<T, string> userOf, Func<MemberRows, List<(int, int)>> runsOf,
            bool onlyKnown)
        {
            for (var start = 0; start < rows.Count;)
            {
                var user = userOf(rows[start]);
                var end = start + 1;
                while (end < rows.Count && string.Equals(userOf(rows[end]), user, StringComparison.Ordinal)) end++;
                if (members.TryGetValue(user, out var member)) runsOf(member).Add((start, end));
                else if (!onlyKnown) runsOf(members[user] = new MemberRows()).Add((start, end));
                start = end;
            }
        }
        Runs(raw.Attendance, static s => s.UserId, static m => m.Sessions, onlyKnown: false);
        Runs(raw.Derived, static s => s.UserId, static m => m.Derived, onlyKnown: false);
        // Idle samples only matter on days the member worked.
        Runs(raw.Idle, static i => i.UserId, static m => m.Idle, onlyKnown: true);
        return members;
    }

    private void Summarize(string user, RawWork raw, MemberRows rows, long nowTicks, List<DaySummary> summaries)
    {
        var (from, to) = (int.MaxValue, int.MinValue);
        foreach (var (start, end) in rows.Sessions)
            for (var i = start; i < end; i++)
            {
                var session = raw.Attendance[i].Session;
                Deal(session.In, session.WorkedUntil(nowTicks), session, _sessions, ref from, ref to);
            }
        foreach (var (start, end) in rows.Derived)
            for (var i = start; i < end; i++)
            {
                var session = raw.Derived[i];
                Deal(session.Start, session.End, session, _derived, ref from, ref to);
            }
        if (from > to) return;
        var (idleFrom, idleTo) = (int.MaxValue, int.MinValue);
        foreach (var (start, end) in rows.Idle)
            for (var i = start; i < end; i++)
            {
                var (_, idleStart, idleEnd) = raw.Idle[i];
                Deal(idleStart.UtcTicks, idleEnd.UtcTicks, TimeRange.Of(idleStart, idleEnd), _idle, ref idleFrom,
                    ref idleTo);
            }

        for (var index = from; index <= to; index++)
        {
            var (sessions, derived, idle) = (_sessions[index], _derived[index], _idle[index]);
            if (sessions.Count > 0 || derived.Count > 0)
            {
                var summary = DaySummary.Compute(user, _firstDay + index, sessions, derived, idle, nowTicks);
                if (!summary.Work.IsEmpty) summaries.Add(summary);
            }
            sessions.Clear();
            derived.Clear();
        }
        // Idle samples can fall on days this member did not work.
        for (var index = idleFrom; index <= idleTo; index++) _idle[index].Clear();
    }

    /// <summary>
    /// Adds <paramref name="item"/> to the bucket of every wanted day that [start, end) touches, widening
    /// [<paramref name="from"/>, <paramref name="to"/>] to the buckets it filled.
    /// </summary>
    private void Deal<T>(long start, long end, T item, List<T>[] buckets, ref int from, ref int to)
    {
        var (first, last) = ZoneDays.UtcDayRange(start, end);
        for (var day = Math.Max(first, _firstDay); day <= last && day - _firstDay < _wanted.Length; day++)
        {
            var index = (int)(day - _firstDay);
            if (!_wanted[index]) continue;
            buckets[index].Add(item);
            from = Math.Min(from, index);
            to = Math.Max(to, index);
        }
    }

    private static List<T>[] NewBuckets<T>(int count)
    {
        var buckets = new List<T>[count];
        for (var i = 0; i < count; i++) buckets[i] = [];
        return buckets;
    }
}

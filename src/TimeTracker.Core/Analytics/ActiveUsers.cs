using NodaTime;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Rocket.Chat's active users per local day (docs/API.md, Engagement dashboard): a member is active on a day when they
/// have worked time
/// inside it. Clean rolled-up days are answered from quarter-hour masks; other days from raw sessions.
/// </summary>
public sealed class ActiveUsers(WorkSource work, IRollupStore rollups, TimeProvider clock)
{
    public sealed record Day(LocalDate Date, RankedIds UserIds);

    /// <summary>Members seen so far, as small integers; days collect indexes, which hash far cheaper than
    /// ids.</summary>
    private sealed class Members
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        public readonly List<string> Ids = [];

        public int IndexOf(string id)
        {
            if (_index.TryGetValue(id, out var i)) return i;
            _index[id] = Ids.Count;
            Ids.Add(id);
            return Ids.Count - 1;
        }
    }

    /// <summary>A growable bitset of member indexes: one bit per member per day.</summary>
    private sealed class MemberSet
    {
        private ulong[] _bits = new ulong[16];

        public bool IsEmpty => Array.TrueForAll(_bits, word => word == 0);

        /// <summary>The bits of members 0 to <paramref name="count"/> - 1.</summary>
        public ulong[] Words(int count)
        {
            var words = new ulong[(count + 63) / 64];
            _bits.AsSpan(0, Math.Min(words.Length, _bits.Length)).CopyTo(words);
            return words;
        }

        public void Add(int member)
        {
            if (member >> 6 >= _bits.Length) Array.Resize(ref _bits, Math.Max(_bits.Length * 2, (member >> 6) + 1));
            _bits[member >> 6] |= 1UL << (member & 63);
        }

        /// <summary>The members in ascending index order.</summary>
        public IEnumerable<int> Members() => RankedIds.SetBits(_bits);
    }

    /// <summary>Days in [from, to] (local dates in <paramref name="zone"/>) with at least one active member, newest
    /// first.</summary>
    public async Task<IReadOnlyList<Day>> ComputeAsync(string workspaceId, DateTimeZone zone, LocalDate from,
        LocalDate to, bool useRollups = true, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var days = new List<(LocalDate Date, TimeRange Span)>();
        for (var date = from; date <= to; date = date.PlusDays(1)) days.Add((date, ZoneDays.Day(date, zone)));
        var active = days.ToDictionary(d => d.Date, _ => new MemberSet());
        var members = new Members();

        var rawDays = days;
        if (useRollups)
        {
            var firstUtc = ZoneDays.UtcDay(days[0].Span.Start);
            var lastUtc = ZoneDays.UtcDay(days[^1].Span.End - 1);
            var watermark = Math.Min(await rollups.GetWatermarkAsync(workspaceId, ct) ?? long.MinValue,
                ZoneDays.UtcDay(now) - 1);
            var dirty = watermark < firstUtc ? [] : (await rollups.GetDirtyAsync(workspaceId, firstUtc,
                Math.Min(lastUtc, watermark), ct)).Select(d => d.Day).ToHashSet();
            bool Usable(long utcDay) => utcDay <= watermark && !dirty.Contains(utcDay);
            bool FromRollups((LocalDate Date, TimeRange Span) d) =>
                d.Span.Start % QuarterHourMask.SlotTicks == 0 && d.Span.End % QuarterHourMask.SlotTicks == 0 &&
                Usable(ZoneDays.UtcDay(d.Span.Start)) && Usable(ZoneDays.UtcDay(d.Span.End - 1));

            var rolled = days.Where(FromRollups).ToList();
            rawDays = days.Where(d => !FromRollups(d)).ToList();
            if (rolled.Count > 0)
                await rollups.VisitEngagementAsync(workspaceId, ZoneDays.UtcDay(rolled[0].Span.Start),
                    ZoneDays.UtcDay(rolled[^1].Span.End - 1), new MaskReader(rolled, active, members), ct);
        }

        if (rawDays.Count > 0)
        {
            var span = new TimeRange(rawDays[0].Span.Start, rawDays[^1].Span.End);
            var raw = await work.ReadAsync(workspaceId, await work.DerivedGapAsync(workspaceId, ct), null, span,
                withIdle: false, ct);
            foreach (var (user, worked) in raw.WorkedSpans(now))
            {
                foreach (var (date, daySpan) in rawDays)
                    if (worked.Overlaps(daySpan)) active[date].Add(members.IndexOf(user));
            }
        }

        var result = days.Where(d => !active[d.Date].IsEmpty).OrderByDescending(d => d.Date);
        var count = members.Ids.Count;
        // Rollup members are registered in id order, so unless raw days added more, indexes already are ranks.
        if (IsOrdinallySorted(members.Ids))
        {
            var ids = members.Ids.ToArray();
            return result.Select(d => new Day(d.Date, new RankedIds(ids, active[d.Date].Words(count)))).ToList();
        }
        // Rank the members by id once and re-index each day by rank, instead of sorting every day's list.
        var byRank = Enumerable.Range(0, count).OrderBy(i => members.Ids[i], StringComparer.Ordinal).ToArray();
        var rankOf = new int[byRank.Length];
        for (var rank = 0; rank < byRank.Length; rank++) rankOf[byRank[rank]] = rank;
        var idsByRank = byRank.Select(i => members.Ids[i]).ToArray();
        return result.Select(d => new Day(d.Date, Ranked(active[d.Date], rankOf, idsByRank))).ToList();
    }

    private static bool IsOrdinallySorted(List<string> ids)
    {
        for (var i = 1; i < ids.Count; i++)
            if (string.CompareOrdinal(ids[i - 1], ids[i]) > 0) return false;
        return true;
    }

    private static RankedIds Ranked(MemberSet members, int[] rankOf, string[] idsByRank)
    {
        var bits = new ulong[(idsByRank.Length + 63) / 64];
        foreach (var member in members.Members()) bits[rankOf[member] >> 6] |= 1UL << (rankOf[member] & 63);
        return new RankedIds(idsByRank, bits);
    }

    /// <summary>
    /// Marks members active on the local days (ascending, not overlapping, each a run of whole quarter-hours) whose
    /// quarter-hours their UTC-day masks hit.
    /// </summary>
    private sealed class MaskReader(List<(LocalDate Date, TimeRange Span)> localDays, Dictionary<LocalDate,
        MemberSet> active, Members seen) : IEngagementVisitor
    {
        private int[] _toLocal = [];
        private int _firstOpen;
        private readonly List<(QuarterHourMask Window, MemberSet Set)> _touched = [];

        /// <summary>Registers the members in id order (<see cref="ComputeAsync"/> then needs no re-ranking).</summary>
        public void Members(IReadOnlyList<string> memberIds)
        {
            foreach (var id in memberIds.Order(StringComparer.Ordinal)) seen.IndexOf(id);
            _toLocal = memberIds.Select(seen.IndexOf).ToArray();
        }

        /// <summary>One pass over the UTC day's entries for the (usually two) local days it overlaps.</summary>
        public void Day(long utcDay, ReadOnlySpan<MemberMask> entries)
        {
            var utc = ZoneDays.UtcDaySpan(utcDay);
            while (_firstOpen < localDays.Count && localDays[_firstOpen].Span.End <= utc.Start) _firstOpen++;
            _touched.Clear();
            for (var i = _firstOpen; i < localDays.Count && localDays[i].Span.Start < utc.End; i++)
            {
                var span = localDays[i].Span;
                _touched.Add((QuarterHourMask.Range(
                    (int)((Math.Max(span.Start, utc.Start) - utc.Start) / QuarterHourMask.SlotTicks),
                    (int)((Math.Min(span.End, utc.End) - utc.Start) / QuarterHourMask.SlotTicks)),
                    active[localDays[i].Date]));
            }
            foreach (var entry in entries)
                foreach (var (window, set) in _touched)
                    if (entry.Mask.Intersects(window)) set.Add(_toLocal[entry.Member]);
        }
    }
}

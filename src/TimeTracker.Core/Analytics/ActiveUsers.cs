using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NodaTime;
using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Rocket.Chat's active users per local day (docs/API.md, Engagement dashboard): a member is active on a day when they
/// have worked time inside it. Clean rolled-up days are answered from quarter-hour masks; other days from raw sessions.
/// </summary>
public sealed class ActiveUsers(WorkSource work, IRollupStore rollups, TimeProvider clock)
{
    public sealed record Day(LocalDate Date, RankedIds UserIds);

    /// <summary>A local day to answer: from rollups, or from raw data (then its members are known up front).</summary>
    private sealed record LocalDay(LocalDate Date, TimeRange Span, HashSet<string>? RawMembers);

    /// <summary>Days in [from, to] (local dates in <paramref name="zone"/>) with at least one active member, newest
    /// first.</summary>
    public async Task<IReadOnlyList<Day>> ComputeAsync(string workspaceId, DateTimeZone zone, LocalDate from,
        LocalDate to, bool useRollups = true, CancellationToken ct = default)
    {
        var days = new List<Day>();
        await foreach (var day in StreamAsync(workspaceId, zone, from, to, useRollups, ct)) days.Add(day);
        return days;
    }

    /// <summary>
    /// The days of <see cref="ComputeAsync"/>, each as soon as it is known: days that need raw data are computed
    /// first, then the rollups are read newest first and a day goes out once every UTC day it overlaps has been read,
    /// so a response can be on its way while older days are still being read. Every day shares one universe of ids.
    /// </summary>
    public async IAsyncEnumerable<Day> StreamAsync(string workspaceId, DateTimeZone zone, LocalDate from,
        LocalDate to, bool useRollups = true, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var newestFirst = new List<(LocalDate Date, TimeRange Span)>();
        for (var date = to; date >= from; date = date.PlusDays(-1)) newestFirst.Add((date, ZoneDays.Day(date, zone)));
        if (newestFirst.Count == 0) yield break;
        var fromRollups = useRollups ? await RolledUpAsync(workspaceId, newestFirst, now, ct) : _ => false;
        var days = newestFirst.Select(d => new LocalDay(d.Date, d.Span, fromRollups(d.Span) ? null : [])).ToList();
        await AddRawMembersAsync(workspaceId, days.Where(d => d.RawMembers is not null).ToList(), now, ct);

        var output = Channel.CreateUnbounded<Day>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reader = new MaskReader(days, output.Writer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Taken now: the continuation below may run after this method has disposed the source.
        var stopping = stop.Token;
        var rolled = days.Where(d => d.RawMembers is null).ToList();
        var producer = rolled.Count == 0 ? Task.CompletedTask : rollups.VisitEngagementAsync(workspaceId,
            ZoneDays.UtcDay(rolled[^1].Span.Start), ZoneDays.UtcDay(rolled[0].Span.End - 1), reader, stopping);
        _ = producer.ContinueWith(done =>
        {
            if (done.IsCompletedSuccessfully) reader.Finish();
            output.Writer.TryComplete(done.Exception?.InnerException
                ?? (done.IsCanceled ? new OperationCanceledException(stopping) : null));
        }, TaskScheduler.Default);
        try
        {
            await foreach (var day in output.Reader.ReadAllAsync(ct)) yield return day;
        }
        finally
        {
            // A reader that stops early (a client gone) stops the rollup read too.
            await stop.CancelAsync();
            try { await producer; } catch (OperationCanceledException) { }
        }
    }

    /// <summary>Which local days clean rollups can answer: whole quarter-hours of UTC days below the watermark that
    /// are not dirty.</summary>
    private async Task<Func<TimeRange, bool>> RolledUpAsync(string workspaceId,
        List<(LocalDate Date, TimeRange Span)> newestFirst, long now, CancellationToken ct)
    {
        var firstUtc = ZoneDays.UtcDay(newestFirst[^1].Span.Start);
        var lastUtc = ZoneDays.UtcDay(newestFirst[0].Span.End - 1);
        var watermark = Math.Min(await rollups.GetWatermarkAsync(workspaceId, ct) ?? long.MinValue,
            ZoneDays.UtcDay(now) - 1);
        var dirty = watermark < firstUtc ? [] : (await rollups.GetDirtyAsync(workspaceId, firstUtc,
            Math.Min(lastUtc, watermark), ct)).Select(d => d.Day).ToHashSet();
        bool Usable(long utcDay) => utcDay <= watermark && !dirty.Contains(utcDay);
        return span => span.Start % QuarterHourMask.SlotTicks == 0 && span.End % QuarterHourMask.SlotTicks == 0 &&
            Usable(ZoneDays.UtcDay(span.Start)) && Usable(ZoneDays.UtcDay(span.End - 1));
    }

    private async Task AddRawMembersAsync(string workspaceId, List<LocalDay> rawDays, long now, CancellationToken ct)
    {
        if (rawDays.Count == 0) return;
        var span = new TimeRange(rawDays[^1].Span.Start, rawDays[0].Span.End);
        var raw = await work.ReadAsync(workspaceId, await work.DerivedGapAsync(workspaceId, ct), null, span,
            withIdle: false, ct);
        foreach (var (user, worked) in raw.WorkedSpans(now))
            foreach (var day in rawDays)
                if (worked.Overlaps(day.Span)) day.RawMembers!.Add(user);
    }

    /// <summary>A bitset of member ranks: one bit per member per day.</summary>
    private sealed class RankSet(int universe)
    {
        private readonly ulong[] _bits = new ulong[(universe + 63) / 64];

        public bool IsEmpty => Array.TrueForAll(_bits, word => word == 0);

        public ulong[] Bits => _bits;

        public void Add(int rank) => _bits[rank >> 6] |= 1UL << (rank & 63);
    }

    /// <summary>
    /// Receives UTC days newest first, marks members active on the local days (each a run of whole quarter-hours)
    /// whose quarter-hours their masks hit, and hands on every local day that no later UTC day can change.
    /// </summary>
    private sealed class MaskReader(List<LocalDay> newestFirst, ChannelWriter<Day> output) : IEngagementVisitor
    {
        private string[] _universe = [];
        private int[] _rankOf = [];
        private RankSet?[] _sets = [];
        private int _nextOut;
        private int _firstOpen;
        private readonly List<(QuarterHourMask Window, RankSet Set)> _touched = [];

        /// <summary>The universe: these members and those raw days found, in id order.</summary>
        public void Members(IReadOnlyList<string> memberIds)
        {
            _universe = memberIds.Concat(newestFirst.SelectMany(d => d.RawMembers ?? [])).Distinct()
                .Order(StringComparer.Ordinal).ToArray();
            var rank = _universe.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            _rankOf = memberIds.Select(id => rank[id]).ToArray();
            _sets = new RankSet?[newestFirst.Count];
            for (var i = 0; i < newestFirst.Count; i++)
                if (newestFirst[i].RawMembers is { } raw)
                {
                    var set = _sets[i] = new RankSet(_universe.Length);
                    foreach (var id in raw) set.Add(rank[id]);
                }
        }

        /// <summary>One pass over the UTC day's entries for the (usually two) local days it overlaps.</summary>
        public void Day(long utcDay, ReadOnlySpan<MemberMask> entries)
        {
            var utc = ZoneDays.UtcDaySpan(utcDay);
            Release(utc.End);
            while (_firstOpen < newestFirst.Count && newestFirst[_firstOpen].Span.Start >= utc.End) _firstOpen++;
            _touched.Clear();
            for (var i = _firstOpen; i < newestFirst.Count && newestFirst[i].Span.End > utc.Start; i++)
            {
                if (newestFirst[i].RawMembers is not null) continue;
                var span = newestFirst[i].Span;
                _touched.Add((QuarterHourMask.Range(
                    (int)((Math.Max(span.Start, utc.Start) - utc.Start) / QuarterHourMask.SlotTicks),
                    (int)((Math.Min(span.End, utc.End) - utc.Start) / QuarterHourMask.SlotTicks)),
                    _sets[i] ??= new RankSet(_universe.Length)));
            }
            foreach (var entry in entries)
                foreach (var (window, set) in _touched)
                    if (entry.Mask.Intersects(window)) set.Add(_rankOf[entry.Member]);
            Release(utc.Start);
        }

        /// <summary>No more UTC days: every day left is final.</summary>
        public void Finish()
        {
            if (_sets.Length == 0) Members([]);
            Release(long.MinValue);
        }

        /// <summary>Hands on, newest first, the days that start at or after <paramref name="readFrom"/>: every UTC
        /// day they overlap has been read.</summary>
        private void Release(long readFrom)
        {
            for (; _nextOut < newestFirst.Count && newestFirst[_nextOut].Span.Start >= readFrom; _nextOut++)
            {
                if (_sets[_nextOut] is { IsEmpty: false } set)
                    output.TryWrite(new Day(newestFirst[_nextOut].Date, new RankedIds(_universe, set.Bits)));
                _sets[_nextOut] = null;
            }
        }
    }
}

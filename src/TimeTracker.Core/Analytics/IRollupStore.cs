using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Derived data that makes long-range reads cheap. Raw sessions and samples stay the truth: a day is used from
/// here only when it is at or before the watermark and not marked dirty by a later write.
/// </summary>
public interface IRollupStore
{
    /// <summary>The last UTC day number whose rollups are complete (dirty days excepted); null before the first
    /// run.</summary>
    Task<long?> GetWatermarkAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>(member, UTC day) pairs whose raw data changed after they were rolled up.</summary>
    Task<IReadOnlyList<(string UserId, long Day)>> GetDirtyAsync(string workspaceId, long fromDay, long toDay,
        CancellationToken ct = default);

    /// <summary>An opaque counter of dirty marks; rollups saved with it only clear marks made before it was
    /// read.</summary>
    Task<long> GetDirtyVersionAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>
    /// What the rollups say about <paramref name="query"/> for these members, in one read: the whole days' totals added
    /// up per member, and the stored partial days at the range's edges placed by <see cref="DayTotals.PlaceIn"/> (days
    /// wholly outside are left out, only straddling days carry intervals). Members without rows are absent.
    /// </summary>
    Task<RollupRead> ReadAsync(string workspaceId, IReadOnlyCollection<string> userIds, RollupQuery query,
        CancellationToken ct = default);

    /// <summary>
    /// Streams, per UTC day in [fromDay, toDay] that has worked time, each member's quarter-hour mask to
    /// <paramref name="visitor"/>: first <see cref="IEngagementVisitor.Members"/>, then the days newest first (so a
    /// response in Rocket.Chat's order can start before the oldest day is read).
    /// </summary>
    Task VisitEngagementAsync(string workspaceId, long fromDay, long toDay, IEngagementVisitor visitor,
        CancellationToken ct = default);

    /// <summary>
    /// Forgets every rollup and the watermark of the workspace, after a change of what counts as work: reads use raw
    /// data until the next run has rolled everything up again.
    /// </summary>
    Task ResetAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>
    /// Replaces everything stored for <paramref name="days"/> with <paramref name="summaries"/> (deterministic, so
    /// reruns
    /// are idempotent), clears dirty marks for those days made up to <paramref name="dirtyVersion"/>, and raises the
    /// watermark to <paramref name="watermark"/> when given.
    /// </summary>
    Task SaveAsync(string workspaceId, IReadOnlyCollection<long> days, IReadOnlyList<DaySummary> summaries,
        long dirtyVersion, long? watermark, CancellationToken ct = default);
}

/// <summary>
/// Receives engagement rollups day by day. A year of a large workspace is hundreds of thousands of entries: streamed
/// from reused buffers they die young, where materialized they survived into costly collections on every request.
/// </summary>
public interface IEngagementVisitor
{
    /// <summary>The members that <see cref="MemberMask.Member"/> indexes refer to; called once, before any
    /// day.</summary>
    void Members(IReadOnlyList<string> memberIds);

    /// <summary>One UTC day's members with worked time. The span is only valid during the call.</summary>
    void Day(long utcDay, ReadOnlySpan<MemberMask> members);
}

/// <summary>A member (an index into the ids given to <see cref="IEngagementVisitor.Members"/>) and the quarter-hours
/// they worked.</summary>
public readonly record struct MemberMask(int Member, QuarterHourMask Mask);

/// <summary>
/// A range as rollups see it: the whole UTC days [<see cref="FirstWholeDay"/>, <see cref="LastWholeDay"/>] (none when
/// first &gt; last) and the partial days at its edges, to clip to <see cref="Range"/>.
/// </summary>
public sealed record RollupQuery(long FirstWholeDay, long LastWholeDay, IReadOnlyCollection<long> PartialDays,
    TimeRange Range)
{
    public bool HasWholeDays => FirstWholeDay <= LastWholeDay;
}

/// <summary>The answer to a <see cref="RollupQuery"/>.</summary>
public sealed record RollupRead(IReadOnlyDictionary<string, DayTotals> WholeDays, IReadOnlyList<EdgeDay> EdgeDays);

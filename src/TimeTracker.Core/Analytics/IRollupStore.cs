namespace TimeTracker.Core.Analytics;

/// <summary>
/// Derived data that makes long-range reads cheap. Raw sessions and samples stay the truth: a day is used from
/// here only when it is at or before the watermark and not marked dirty by a later write.
/// </summary>
public interface IRollupStore
{
    /// <summary>The last UTC day number whose rollups are complete (dirty days excepted); null before the first run.</summary>
    Task<long?> GetWatermarkAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>(member, UTC day) pairs whose raw data changed after they were rolled up.</summary>
    Task<IReadOnlyList<(string UserId, long Day)>> GetDirtyAsync(string workspaceId, long fromDay, long toDay, CancellationToken ct = default);

    /// <summary>An opaque counter of dirty marks; rollups saved with it only clear marks made before it was read.</summary>
    Task<long> GetDirtyVersionAsync(string workspaceId, CancellationToken ct = default);

    /// <summary>Per member, the whole-day totals of [fromDay, toDay] added up; members without rows are absent.</summary>
    Task<IReadOnlyDictionary<string, DayTotals>> SumDaysAsync(string workspaceId, IReadOnlyCollection<string> userIds, long fromDay, long toDay, CancellationToken ct = default);

    Task<IReadOnlyList<DaySummary>> GetDaysAsync(string workspaceId, IReadOnlyCollection<string> userIds, IReadOnlyCollection<long> days, CancellationToken ct = default);

    /// <summary>Per UTC day in [fromDay, toDay] that has worked time, each member's quarter-hour mask.</summary>
    Task<EngagementRollup> GetEngagementAsync(string workspaceId, long fromDay, long toDay, CancellationToken ct = default);

    /// <summary>
    /// Replaces everything stored for <paramref name="days"/> with <paramref name="summaries"/> (deterministic, so reruns
    /// are idempotent), clears dirty marks for those days made up to <paramref name="dirtyVersion"/>, and raises the
    /// watermark to <paramref name="watermark"/> when given.
    /// </summary>
    Task SaveAsync(string workspaceId, IReadOnlyCollection<long> days, IReadOnlyList<DaySummary> summaries, long dirtyVersion, long? watermark, CancellationToken ct = default);
}

/// <summary>
/// Per UTC day, the members with worked time and the quarter-hours they worked. Members are indexes into
/// <see cref="MemberIds"/>: a year of a large workspace is hundreds of thousands of entries, and integers hash cheaply.
/// </summary>
public sealed record EngagementRollup(IReadOnlyList<string> MemberIds, IReadOnlyDictionary<long, (int Member, QuarterHourMask Mask)[]> Days);

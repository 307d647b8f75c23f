using NodaTime;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Time;
using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Unit;

/// <summary>
/// Active users stream: days go out newest first as soon as the rollups under them are read, and a reader that stops
/// early (a client gone) stops the rollup read too.
/// </summary>
public sealed class ActiveUsersStreamTests
{
    private static readonly LocalDate To = new(2026, 11, 20);

    /// <summary>Rollups for every day up to the watermark: member "a" works 09:00-10:00 UTC daily; "b" on even
    /// days. It records how far the reader it visits got.</summary>
    private sealed class Rollups : IRollupStore
    {
        public readonly TaskCompletionSource Stopped = new();
        public int DaysVisited;
        public Func<int, CancellationToken, Task>? AfterDay;

        public Task<long?> GetWatermarkAsync(string workspaceId, CancellationToken ct = default) =>
            Task.FromResult<long?>(ZoneDays.UtcDay(Instant(To.PlusDays(1))));

        public Task<IReadOnlyList<(string UserId, long Day)>> GetDirtyAsync(string workspaceId, long fromDay,
            long toDay, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<(string, long)>>([]);

        public async Task VisitEngagementAsync(string workspaceId, long fromDay, long toDay,
            IEngagementVisitor visitor, CancellationToken ct = default)
        {
            try
            {
                visitor.Members(["b", "a"]);
                for (var day = toDay; day >= fromDay; day--)
                {
                    ct.ThrowIfCancellationRequested();
                    var span = ZoneDays.UtcDaySpan(day);
                    var nine = QuarterHourMask.FromWork(IntervalSet.FromNormalized([new TimeRange(
                        span.Start + 9 * TimeSpan.TicksPerHour, span.Start + 10 * TimeSpan.TicksPerHour)]), day);
                    visitor.Day(day, day % 2 == 0 ? [new MemberMask(0, nine), new MemberMask(1, nine)]
                        : [new MemberMask(1, nine)]);
                    DaysVisited++;
                    if (AfterDay is not null) await AfterDay(DaysVisited, ct);
                }
            }
            finally
            {
                Stopped.TrySetResult();
            }
        }

        private static long Instant(LocalDate date) => date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()
            .ToDateTimeOffset().UtcTicks;

        public Task<long> GetDirtyVersionAsync(string workspaceId, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task<RollupRead> ReadAsync(string workspaceId, IReadOnlyCollection<string> userIds, RollupQuery query,
            CancellationToken ct = default) => throw new NotSupportedException();
        public Task ResetAsync(string workspaceId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SaveAsync(string workspaceId, IReadOnlyCollection<long> days, IReadOnlyList<DaySummary> summaries,
            long dirtyVersion, long? watermark, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private static ActiveUsers Create(Rollups rollups) =>
        new(new WorkSource(null!, null!, null!), rollups, new TestClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0,
            TimeSpan.Zero)));

    [Fact]
    public async Task Days_come_newest_first_each_with_its_members_in_id_order()
    {
        var kolkata = TimeZones.Get("Asia/Kolkata");
        var days = await Create(new Rollups()).ComputeAsync("w", kolkata, To.PlusDays(-9), To);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => To.PlusDays(-i)), days.Select(d => d.Date));
        Assert.All(days, d => Assert.Equal(d.UserIds.Order(StringComparer.Ordinal), d.UserIds));
        Assert.All(days, d => Assert.Contains("a", d.UserIds));
    }

    [Fact]
    public async Task A_reader_that_stops_early_stops_the_rollup_read()
    {
        var rollups = new Rollups();
        var firstOut = new TaskCompletionSource();
        // From its third day on, the rollup read waits for the reader to have left (or for its cancellation).
        rollups.AfterDay = (visited, ct) => visited < 3 ? Task.CompletedTask : firstOut.Task.WaitAsync(ct);
        var reading = Task.Run(async () =>
        {
            await foreach (var day in Create(rollups).StreamAsync("w", DateTimeZone.Utc, To.PlusDays(-300), To))
            {
                Assert.Equal(To, day.Date);
                break;
            }
        });
        // Leaving must not wait for the rest of the read: it is cancelled.
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
        firstOut.SetResult();
        await rollups.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(rollups.DaysVisited, 3, 4);
    }
}

using TimeTracker.Core.Analytics;
using TimeTracker.Core.Time;
using TimeTracker.Storage.Sqlite;

namespace TimeTracker.Tests.Unit;

public sealed class IntervalBlocksTests
{
    [Fact]
    public void A_block_written_from_summaries_and_stored_days_gives_each_day_back()
    {
        DaySummary Summary(long day, int sessions) => new("u", day,
            IntervalSet.Union([new TimeRange(day * 100, day * 100 + 50)]), IntervalSet.Union([new TimeRange(
                day * 100 + 10, day * 100 + 20)]),
            Enumerable.Range(0, sessions).Select(i => new SessionRef(day * 100 + i, i == 0 ? null : day * 100 + 50))
                .ToList());
        var writer = new IntervalBlocks.Writer();
        writer.Start();
        writer.Add(Summary(800, 1));
        writer.Add(Summary(801, 3));
        var first = writer.Bytes.ToArray();

        // Rewritten the way a save merges: day 800 kept from the stored block, 802 new, and the writer reused.
        writer.Start();
        var stored = IntervalBlocks.Entries(first);
        writer.Add(stored[0].Day, first.AsSpan(stored[0].Offset, stored[0].Length));
        writer.Add(Summary(802, 2));
        var merged = writer.Bytes.ToArray();

        Assert.Equal([800L, 801L], stored.Select(e => e.Day));
        Assert.Equal([800L, 802L], IntervalBlocks.Entries(merged).Select(e => e.Day));
        Assert.False(IntervalBlocks.TryFind(merged, 801, out _));
        foreach (var (day, sessions) in new[] { (800L, 1), (802L, 2) })
        {
            Assert.True(IntervalBlocks.TryFind(merged, day, out var bytes));
            var decoded = RollupCodec.DecodeDay("u", day, bytes);
            var expected = Summary(day, sessions);
            Assert.Equal(expected.Work.Items, decoded.Work.Items);
            Assert.Equal(expected.Idle.Items, decoded.Idle.Items);
            Assert.Equal(expected.Sessions, decoded.Sessions);
        }
    }
}

using TimeTracker.Core.Time;

namespace TimeTracker.Tests.Unit;

/// <summary>Union, intersection, difference and clipping against a tick-by-tick model on random small sets.</summary>
public sealed class IntervalSetOperationsTests
{
    private const int Span = 60;

    [Fact]
    public void Every_operation_matches_the_set_of_ticks_it_stands_for()
    {
        var random = new Random(20261201);
        for (var run = 0; run < 2_000; run++)
        {
            var (a, b) = (RandomRanges(random), RandomRanges(random));
            var bounds = new TimeRange(random.Next(Span), random.Next(Span));
            var (setA, setB) = (IntervalSet.Union(a), IntervalSet.Union(b));

            AssertTicks(Ticks(a), setA);
            AssertTicks(Ticks(a).Intersect(Ticks(b)), setA.Intersect(setB));
            AssertTicks(Ticks(a).Except(Ticks(b)), setA.Except(setB));
            AssertTicks(Ticks(a).Where(t => t >= bounds.Start && t < bounds.End), setA.Clip(bounds));
            // The span overload sorts and merges in place; its result is the same set.
            AssertTicks(Ticks(a), IntervalSet.Union(a.ToArray().AsSpan()));
        }
    }

    private static List<TimeRange> RandomRanges(Random random) =>
        Enumerable.Range(0, random.Next(0, 8)).Select(_ =>
        {
            var start = random.Next(Span);
            return new TimeRange(start, start + random.Next(-3, 12));
        }).ToList();

    private static IEnumerable<long> Ticks(IEnumerable<TimeRange> ranges) =>
        ranges.SelectMany(r => Enumerable.Range((int)r.Start, (int)Math.Max(0, r.End - r.Start)).Select(t => (long)t))
            .Distinct();

    private static void AssertTicks(IEnumerable<long> expected, IntervalSet actual)
    {
        Assert.Equal(expected.Order(), Ticks(actual.Items).Order());
        // Normalized: sorted, disjoint, not touching, nothing empty.
        for (var i = 0; i < actual.Items.Count; i++)
        {
            Assert.True(actual.Items[i].Start < actual.Items[i].End);
            if (i > 0) Assert.True(actual.Items[i - 1].End < actual.Items[i].Start, string.Join(",", actual.Items));
        }
    }
}

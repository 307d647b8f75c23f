using TimeTracker.Core.Collections;

namespace TimeTracker.Tests.Unit;

public sealed class SegmentedListTests
{
    [Fact]
    public void Holds_what_a_list_holds_across_many_segments_by_index_and_in_order()
    {
        var segmented = new SegmentedList<(string, long)>();
        var list = new List<(string, long)>();
        for (var i = 0; i < 50_000; i++)
        {
            segmented.Add(($"u{i % 7}", i * 3L));
            list.Add(($"u{i % 7}", i * 3L));
        }

        Assert.Equal(list.Count, segmented.Count);
        Assert.Equal(list, segmented);
        foreach (var i in new[] { 0, 1, 4095, 4096, 4097, 32_767, 49_999 }) Assert.Equal(list[i], segmented[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => segmented[50_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => segmented[-1]);
        Assert.Empty(new SegmentedList<int>());
    }
}

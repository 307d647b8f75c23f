using TimeTracker.Core.Time;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// 96 bits, one per UTC quarter-hour of a day, set where the member has worked time. Every current zone offset is a
/// multiple of 15 minutes, so any zone's local day is an exact run of these slots across at most two UTC days.
/// </summary>
public readonly record struct QuarterHourMask(ulong Low, uint High)
{
    public const int Slots = 96;
    public const long SlotTicks = TimeSpan.TicksPerMinute * 15;

    public bool IsEmpty => Low == 0 && High == 0;

    public static QuarterHourMask FromWork(IntervalSet work, long day)
    {
        var dayStart = day * ZoneDays.TicksPerDay;
        ulong low = 0;
        uint high = 0;
        foreach (var interval in work.Items)
        {
            var first = (int)Math.Max(0, (interval.Start - dayStart) / SlotTicks);
            var last = (int)Math.Min(Slots - 1, (interval.End - 1 - dayStart) / SlotTicks);
            for (var slot = first; slot <= last; slot++)
            {
                if (slot < 64) low |= 1UL << slot;
                else high |= 1U << (slot - 64);
            }
        }
        return new QuarterHourMask(low, high);
    }

    /// <summary>A mask with exactly the slots [fromSlot, toSlot) set; build once, test many members against it.</summary>
    public static QuarterHourMask Range(int fromSlot, int toSlot)
    {
        ulong low = 0;
        uint high = 0;
        for (var slot = Math.Max(0, fromSlot); slot < Math.Min(Slots, toSlot); slot++)
        {
            if (slot < 64) low |= 1UL << slot;
            else high |= 1U << (slot - 64);
        }
        return new QuarterHourMask(low, high);
    }

    public bool Intersects(QuarterHourMask other) => (Low & other.Low) != 0 || (High & other.High) != 0;
}

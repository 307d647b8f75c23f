using System.Buffers.Binary;
using TimeTracker.Core.Analytics;
using TimeTracker.Core.Time;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// Binary layouts of rollup blobs: a day's intervals as little-endian int64 tick pairs, and a workspace day's masks
/// as (member key, 96-bit mask) entries. Compact, and decoding is a straight scan.
/// </summary>
internal static class RollupCodec
{
    private const long NoValue = long.MinValue;
    private const int MaskEntryBytes = 8 + 8 + 4;

    /// <summary>How many bytes <see cref="WriteDay"/> writes for <paramref name="day"/>.</summary>
    public static int DayLength(DaySummary day) =>
        12 + 16 * (day.Work.Items.Count + day.Idle.Items.Count + day.Sessions.Count);

    /// <summary>A day's work, idle and sessions; written in place, as a backfill encodes every member-day.</summary>
    public static void WriteDay(Span<byte> span, DaySummary day)
    {
        var offset = WriteIntervals(span, 0, day.Work.Items);
        offset = WriteIntervals(span, offset, day.Idle.Items);
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], day.Sessions.Count);
        offset += 4;
        for (var i = 0; i < day.Sessions.Count; i++, offset += 16)
        {
            var session = day.Sessions[i];
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], session.In);
            BinaryPrimitives.WriteInt64LittleEndian(span[(offset + 8)..], session.Out ?? NoValue);
        }
    }

    public static DaySummary DecodeDay(string userId, long day, ReadOnlySpan<byte> data)
    {
        var offset = 0;
        var work = ReadIntervals(data, ref offset);
        var idle = ReadIntervals(data, ref offset);
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        var sessions = new SessionRef[count];
        for (var i = 0; i < count; i++, offset += 16)
        {
            var @out = BinaryPrimitives.ReadInt64LittleEndian(data[(offset + 8)..]);
            sessions[i] = new SessionRef(BinaryPrimitives.ReadInt64LittleEndian(data[offset..]), @out == NoValue
                ? null : @out);
        }
        return new DaySummary(userId, day, IntervalSet.FromNormalized(work), IntervalSet.FromNormalized(idle),
            sessions);
    }

    /// <summary>
    /// A member-day's running totals through the day, with the day's own totals so one row also gives the totals
    /// before it; see the <c>prefix</c> column.
    /// </summary>
    public readonly record struct Prefix(long Day, long CumulativeWork, long CumulativeIdle, long DayWork,
        long DayIdle, long? FirstIn, long? LastOut, bool HasOpen)
    {
        public long WorkBefore => CumulativeWork - DayWork;
        public long IdleBefore => CumulativeIdle - DayIdle;

        public DayTotals OfDay => new(DayWork, DayIdle, FirstIn, LastOut, HasOpen);
    }

    public const int PrefixBytes = 7 * 8 + 1;

    public static byte[] EncodePrefix(Prefix p)
    {
        var buffer = new byte[PrefixBytes];
        WritePrefix(buffer, p);
        return buffer;
    }

    public static void WritePrefix(Span<byte> span, Prefix p)
    {
        BinaryPrimitives.WriteInt64LittleEndian(span, p.Day);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], p.CumulativeWork);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], p.CumulativeIdle);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], p.DayWork);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], p.DayIdle);
        BinaryPrimitives.WriteInt64LittleEndian(span[40..], p.FirstIn ?? NoValue);
        BinaryPrimitives.WriteInt64LittleEndian(span[48..], p.LastOut ?? NoValue);
        span[56] = p.HasOpen ? (byte)1 : (byte)0;
    }

    public static Prefix DecodePrefix(ReadOnlySpan<byte> data)
    {
        var first = BinaryPrimitives.ReadInt64LittleEndian(data[40..]);
        var last = BinaryPrimitives.ReadInt64LittleEndian(data[48..]);
        return new Prefix(BinaryPrimitives.ReadInt64LittleEndian(data),
            BinaryPrimitives.ReadInt64LittleEndian(data[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[16..]), BinaryPrimitives.ReadInt64LittleEndian(data[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(data[32..]), first == NoValue ? null : first, last == NoValue
                ? null : last, data[56] != 0);
    }

    public static byte[] EncodeMasks(IReadOnlyList<(long Key, QuarterHourMask Mask)> members)
    {
        var buffer = new byte[members.Count * MaskEntryBytes];
        for (var i = 0; i < members.Count; i++)
        {
            var entry = buffer.AsSpan(i * MaskEntryBytes);
            BinaryPrimitives.WriteInt64LittleEndian(entry, members[i].Key);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], members[i].Mask.Low);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], members[i].Mask.High);
        }
        return buffer;
    }

    /// <summary>Decodes a workspace day's entries into <paramref name="buffer"/> (grown when needed) and returns how
    /// many there are.</summary>
    public static int DecodeMasks(ReadOnlySpan<byte> data, MemberIndex member, ref MemberMask[] buffer)
    {
        var count = data.Length / MaskEntryBytes;
        if (buffer.Length < count) buffer = new MemberMask[count];
        for (var i = 0; i < count; i++)
        {
            var entry = data[(i * MaskEntryBytes)..];
            buffer[i] = new MemberMask(member.Of(BinaryPrimitives.ReadInt64LittleEndian(entry)),
                new QuarterHourMask(BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(entry[16..])));
        }
        return count;
    }

    /// <summary>An interval set alone (a derived session's coverage).</summary>
    public static byte[] EncodeIntervals(IntervalSet set)
    {
        var buffer = new byte[4 + 16 * set.Items.Count];
        WriteIntervals(buffer, 0, set.Items);
        return buffer;
    }

    public static IntervalSet DecodeIntervals(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        return IntervalSet.FromNormalized(ReadIntervals(data, ref offset));
    }

    private static int WriteIntervals(Span<byte> span, int offset, IReadOnlyList<TimeRange> intervals)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], intervals.Count);
        offset += 4;
        for (var i = 0; i < intervals.Count; i++, offset += 16)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], intervals[i].Start);
            BinaryPrimitives.WriteInt64LittleEndian(span[(offset + 8)..], intervals[i].End);
        }
        return offset;
    }

    private static TimeRange[] ReadIntervals(ReadOnlySpan<byte> data, ref int offset)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        var items = new TimeRange[count];
        for (var i = 0; i < count; i++, offset += 16)
            items[i] = new TimeRange(BinaryPrimitives.ReadInt64LittleEndian(data[offset..]),
                BinaryPrimitives.ReadInt64LittleEndian(data[(offset + 8)..]));
        return items;
    }
}

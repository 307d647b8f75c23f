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

    public static byte[] EncodeDay(DaySummary day)
    {
        var size = 12 + 16 * (day.Work.Items.Count + day.Idle.Items.Count + day.Sessions.Count);
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        var offset = WriteIntervals(span, 0, day.Work.Items);
        offset = WriteIntervals(span, offset, day.Idle.Items);
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], day.Sessions.Count);
        offset += 4;
        foreach (var s in day.Sessions)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], s.In);
            BinaryPrimitives.WriteInt64LittleEndian(span[(offset + 8)..], s.Out ?? NoValue);
            offset += 16;
        }
        return buffer;
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
            sessions[i] = new SessionRef(BinaryPrimitives.ReadInt64LittleEndian(data[offset..]), @out == NoValue ? null : @out);
        }
        return new DaySummary(userId, day, IntervalSet.FromNormalized(work), IntervalSet.FromNormalized(idle), sessions);
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

    public static List<(long Key, QuarterHourMask Mask)> DecodeMasks(ReadOnlySpan<byte> data)
    {
        var members = new List<(long, QuarterHourMask)>(data.Length / MaskEntryBytes);
        for (var offset = 0; offset + MaskEntryBytes <= data.Length; offset += MaskEntryBytes)
        {
            var entry = data[offset..];
            members.Add((BinaryPrimitives.ReadInt64LittleEndian(entry),
                new QuarterHourMask(BinaryPrimitives.ReadUInt64LittleEndian(entry[8..]), BinaryPrimitives.ReadUInt32LittleEndian(entry[16..]))));
        }
        return members;
    }

    private static int WriteIntervals(Span<byte> span, int offset, IReadOnlyList<TimeRange> intervals)
    {
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], intervals.Count);
        offset += 4;
        foreach (var i in intervals)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], i.Start);
            BinaryPrimitives.WriteInt64LittleEndian(span[(offset + 8)..], i.End);
            offset += 16;
        }
        return offset;
    }

    private static TimeRange[] ReadIntervals(ReadOnlySpan<byte> data, ref int offset)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
        offset += 4;
        var items = new TimeRange[count];
        for (var i = 0; i < count; i++, offset += 16)
            items[i] = new TimeRange(BinaryPrimitives.ReadInt64LittleEndian(data[offset..]), BinaryPrimitives.ReadInt64LittleEndian(data[(offset + 8)..]));
        return items;
    }
}

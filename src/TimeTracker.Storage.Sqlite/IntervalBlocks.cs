using System.Buffers.Binary;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// A member's day intervals (<see cref="RollupCodec.EncodeDay"/>) in blocks of <see cref="Days"/> consecutive days,
/// one row per block: a backfill writes an eighth of the rows it wrote with a row per day (those inserts were a quarter
/// of its time), while a read of a range's edge days still decodes only the days it wants. Layout: entry count, then
/// per day in ascending order its number (int64), length (int32) and bytes.
/// </summary>
internal static class IntervalBlocks
{
    private const int Shift = 3;
    public const int Days = 1 << Shift;

    public static long Of(long day) => day >> Shift;

    public static long FirstDay(long block) => block << Shift;

    public static byte[] Encode(SortedDictionary<long, byte[]> days)
    {
        var buffer = new byte[4 + days.Values.Sum(bytes => 12 + bytes.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, days.Count);
        var offset = 4;
        foreach (var (day, bytes) in days)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(offset), day);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset + 8), bytes.Length);
            bytes.CopyTo(buffer, offset + 12);
            offset += 12 + bytes.Length;
        }
        return buffer;
    }

    public static SortedDictionary<long, byte[]> Decode(ReadOnlySpan<byte> block)
    {
        var days = new SortedDictionary<long, byte[]>();
        var count = BinaryPrimitives.ReadInt32LittleEndian(block);
        for (int i = 0, offset = 4; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(block[(offset + 8)..]);
            days[BinaryPrimitives.ReadInt64LittleEndian(block[offset..])] = block.Slice(offset + 12, length).ToArray();
            offset += 12 + length;
        }
        return days;
    }

    /// <summary>The bytes of <paramref name="day"/> within <paramref name="block"/>, if it holds that day.</summary>
    public static bool TryFind(ReadOnlySpan<byte> block, long day, out ReadOnlySpan<byte> bytes)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(block);
        for (int i = 0, offset = 4; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(block[(offset + 8)..]);
            if (BinaryPrimitives.ReadInt64LittleEndian(block[offset..]) == day)
            {
                bytes = block.Slice(offset + 12, length);
                return true;
            }
            offset += 12 + length;
        }
        bytes = default;
        return false;
    }
}

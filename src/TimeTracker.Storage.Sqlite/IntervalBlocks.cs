using System.Buffers.Binary;
using TimeTracker.Core.Analytics;

namespace TimeTracker.Storage.Sqlite;

/// <summary>
/// A member's day intervals (<see cref="RollupCodec.WriteDay"/>) in blocks of <see cref="Days"/> consecutive days,
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

    /// <summary>A stored block's days in order, each with its bytes (valid while the block's bytes are).</summary>
    public static List<(long Day, int Offset, int Length)> Entries(ReadOnlySpan<byte> block)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(block);
        var entries = new List<(long, int, int)>(count);
        for (int i = 0, offset = 4; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(block[(offset + 8)..]);
            entries.Add((BinaryPrimitives.ReadInt64LittleEndian(block[offset..]), offset + 12, length));
            offset += 12 + length;
        }
        return entries;
    }

    /// <summary>
    /// Builds blocks in one reused buffer, days added in ascending order: a backfill writes thousands of blocks per
    /// step, each from dozens of member-days, and an array per day and per block was a fifth of what it allocated.
    /// </summary>
    public sealed class Writer
    {
        private byte[] _buffer = new byte[8192];
        private int _length;
        private int _count;

        public int Count => _count;

        public void Start()
        {
            _length = 4;
            _count = 0;
        }

        public void Add(long day, ReadOnlySpan<byte> bytes) => bytes.CopyTo(Append(day, bytes.Length));

        public void Add(DaySummary summary) =>
            RollupCodec.WriteDay(Append(summary.Day, RollupCodec.DayLength(summary)), summary);

        /// <summary>The block so far, valid until the next <see cref="Start"/>.</summary>
        public ReadOnlySpan<byte> Bytes
        {
            get
            {
                BinaryPrimitives.WriteInt32LittleEndian(_buffer, _count);
                return _buffer.AsSpan(0, _length);
            }
        }

        private Span<byte> Append(long day, int length)
        {
            if (_length + 12 + length > _buffer.Length)
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + 12 + length));
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), day);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 8), length);
            var slot = _buffer.AsSpan(_length + 12, length);
            _length += 12 + length;
            _count++;
            return slot;
        }
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

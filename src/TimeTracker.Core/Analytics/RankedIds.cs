using System.Collections;
using System.Numerics;

namespace TimeTracker.Core.Analytics;

/// <summary>
/// Ids drawn from one ordinally sorted universe, held as a bitset of their ranks: enumerates in id order, and lets
/// a response writer encode each universe id once and copy it by rank (a year of active users repeats ~1,000 ids
/// 300,000 times; looking each up by string cost more than computing the answer).
/// </summary>
public sealed class RankedIds : IReadOnlyList<string>
{
    private readonly ulong[] _bits;

    public RankedIds(string[] universe, ulong[] rankBits)
    {
        Universe = universe;
        _bits = rankBits;
        Count = rankBits.Sum(BitOperations.PopCount);
    }

    /// <summary>All ids any set of this universe can hold, sorted ordinally.</summary>
    public string[] Universe { get; }

    public int Count { get; }

    /// <summary>Walks the set (linear): writers and comparisons enumerate instead.</summary>
    public string this[int index] => this.ElementAt(index);

    /// <summary>A set of <paramref name="ids"/>, each of which must be in <paramref name="universe"/>.</summary>
    public static RankedIds Of(string[] universe, IEnumerable<string> ids)
    {
        var bits = new ulong[(universe.Length + 63) / 64];
        foreach (var id in ids)
        {
            var rank = Array.BinarySearch(universe, id, StringComparer.Ordinal);
            if (rank < 0) throw new ArgumentException($"{id} is not in the universe.", nameof(ids));
            bits[rank >> 6] |= 1UL << (rank & 63);
        }
        return new RankedIds(universe, bits);
    }

    /// <summary>Bit <c>r</c> is set when the id of rank <c>r</c> is in the set (writers walk it directly).</summary>
    public ReadOnlySpan<ulong> RankBits => _bits;

    /// <summary>The ranks in ascending order (so the ids in ordinal order).</summary>
    public IEnumerable<int> Ranks() => SetBits(_bits);

    /// <summary>The positions of the set bits of a word array, ascending.</summary>
    internal static IEnumerable<int> SetBits(ulong[] words)
    {
        for (var w = 0; w < words.Length; w++)
            for (var word = words[w]; word != 0; word &= word - 1)
                yield return (w << 6) + BitOperations.TrailingZeroCount(word);
    }

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var rank in Ranks()) yield return Universe[rank];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

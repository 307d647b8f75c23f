namespace TimeTracker.Storage.Sqlite;

/// <summary>Member key → position in the workspace's key list; an array when keys are dense enough (they usually
/// are).</summary>
internal sealed class MemberIndex
{
    private readonly int[]? _dense;
    private readonly Dictionary<long, int> _sparse = [];

    public MemberIndex(IEnumerable<long> keys)
    {
        var list = keys.ToList();
        var max = list.Count == 0 ? 0 : list.Max();
        if (max < 8L * list.Count + 1024) Array.Fill(_dense = new int[max + 1], -1);
        for (var i = 0; i < list.Count; i++)
            if (_dense is not null) _dense[list[i]] = i;
            else _sparse[list[i]] = i;
    }

    /// <summary>Throws for a key outside the workspace, as the dictionary would, rather than answering member
    /// 0.</summary>
    public int Of(long key) => _dense is null ? _sparse[key]
        : key < _dense.Length && _dense[key] >= 0 ? _dense[key]
            : throw new KeyNotFoundException($"Member key {key} is not in this workspace.");
}

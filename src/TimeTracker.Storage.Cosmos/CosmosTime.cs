namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Cosmos DB holds numbers as IEEE doubles, exact only up to 2^53: .NET ticks (about 6.4e17 today) would come back
/// rounded to 128 ticks, Unix microseconds (about 1.8e15) come back exact. So instants that queries compare are
/// stored as Unix microseconds; where the exact instant matters, documents keep it as an ISO string beside them.
/// </summary>
internal static class CosmosTime
{
    private static readonly long EpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Unix microseconds, rounded down.</summary>
    public static long Micros(long ticks) => (long)Math.Floor((ticks - EpochTicks) / 10.0m);

    public static long Micros(DateTimeOffset instant) => Micros(instant.UtcTicks);

    /// <summary>Unix microseconds, rounded up: for upper bounds that must not shrink.</summary>
    public static long CeilingMicros(long ticks) => (long)Math.Ceiling((ticks - EpochTicks) / 10.0m);

    public static long CeilingMicros(DateTimeOffset instant) => CeilingMicros(instant.UtcTicks);

    public static long Ticks(long micros) => EpochTicks + micros * 10;

    public static DateTimeOffset Instant(long micros) => new(Ticks(micros), TimeSpan.Zero);
}

namespace TimeTracker.Storage.Cosmos;

/// <summary>Counts HTTP round trips to Cosmos DB (the benchmarks report them per operation).</summary>
public sealed class RoundTripCounter : DelegatingHandler
{
    private long _count;

    public RoundTripCounter() : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { }

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}

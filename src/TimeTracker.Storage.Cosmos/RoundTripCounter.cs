namespace TimeTracker.Storage.Cosmos;

/// <summary>Counts HTTP round trips to Cosmos DB and the documents they returned (the benchmarks report both).</summary>
public sealed class RoundTripCounter : DelegatingHandler
{
    private long _requests;
    private long _documents;

    public RoundTripCounter() : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { }

    public long Requests => Interlocked.Read(ref _requests);
    public long Documents => Interlocked.Read(ref _documents);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _documents, 0);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("x-ms-item-count", out var counts) && long.TryParse(counts.FirstOrDefault(), out var count))
            Interlocked.Add(ref _documents, count);
        else if (request.Method == HttpMethod.Get && response.IsSuccessStatusCode && request.RequestUri?.AbsolutePath.Contains("/docs/") == true)
            Interlocked.Increment(ref _documents);
        return response;
    }
}

namespace TimeTracker.Bench;

/// <summary>
/// Counts HTTP round trips to Cosmos DB and the documents they returned (the benchmarks report both), plugged into
/// the store as its <see cref="TimeTracker.Storage.Cosmos.CosmosHttpObserver"/>.
/// </summary>
public sealed class RoundTripCounter : DelegatingHandler
{
    private long _requests;
    private long _documents;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _trace = new();

    /// <summary>When set, each round trip is also recorded as "METHOD path" for <see cref="Trace"/> (benchmark --trace).</summary>
    public bool Tracing { get; set; }

    public IReadOnlyCollection<string> Trace => _trace;

    public long Requests => Interlocked.Read(ref _requests);
    public long Documents => Interlocked.Read(ref _documents);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _documents, 0);
        _trace.Clear();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = await base.SendAsync(request, cancellationToken);
        if (Tracing)
            _trace.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}{(request.Headers.Contains("x-ms-cosmos-is-query-plan-request") ? " (query plan)" : "")} -> {(int)response.StatusCode}"
                + (response.Headers.TryGetValues("x-ms-item-count", out var items) ? $", {items.First()} documents" : "")
                + (response.Headers.Contains("x-ms-continuation") ? ", continues" : ""));
        if (response.Headers.TryGetValues("x-ms-item-count", out var counts) && long.TryParse(counts.FirstOrDefault(), out var count))
            Interlocked.Add(ref _documents, count);
        else if (request.Method == HttpMethod.Get && response.IsSuccessStatusCode && request.RequestUri?.AbsolutePath.Contains("/docs/") == true)
            Interlocked.Increment(ref _documents);
        return response;
    }
}

namespace TimeTracker.Bench;

/// <summary>
/// Counts HTTP round trips to Cosmos DB and the documents they returned (the benchmarks report both), plugged into
/// the store as its <see cref="TimeTracker.Storage.Cosmos.CosmosHttpObserver"/>.
/// </summary>
public sealed class RoundTripCounter : DelegatingHandler
{
    private long _requests;
    private long _documents;
    private long _chargeHundredths;
    private long _estimateHundredths;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _trace = new();

    /// <summary>When set, each round trip is also recorded as "METHOD path" for <see cref="Trace"/> (benchmark
    /// --trace).</summary>
    public bool Tracing { get; set; }

    public IReadOnlyCollection<string> Trace => _trace;

    public long Requests => Interlocked.Read(ref _requests);
    public long Documents => Interlocked.Read(ref _documents);

    /// <summary>Request units the service charged (<c>x-ms-request-charge</c>, the SDK's
    /// <c>RequestCharge</c>).</summary>
    public double RequestCharge => Interlocked.Read(ref _chargeHundredths) / 100.0;

    /// <summary>
    /// Request units by the documented costs, for servers that charge nothing (the local one): a point read 1 RU per
    /// KB read, a write 5.5 RU per KB written, a query 2.3 RU plus 1 RU per KB returned.
    /// </summary>
    public double EstimatedCharge => Interlocked.Read(ref _estimateHundredths) / 100.0;

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _documents, 0);
        Interlocked.Exchange(ref _chargeHundredths, 0);
        Interlocked.Exchange(ref _estimateHundredths, 0);
        _trace.Clear();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        // The length header, not the body: reading a request's stream here could leave nothing to send.
        var sent = request.Content?.Headers.ContentLength ?? 0;
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("x-ms-request-charge", out var charges)
            && double.TryParse(charges.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture,
                out var charge))
            Interlocked.Add(ref _chargeHundredths, (long)Math.Round(charge * 100));
        Interlocked.Add(ref _estimateHundredths, (long)Math.Round(await EstimateAsync(request, response, sent,
            cancellationToken) * 100));
        if (Tracing)
            _trace.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}{(request.Headers.Contains("x-ms-cosmos-is-query-plan-request") ? " (query plan)" : "")} -> {(int)response.StatusCode}"
                + (response.Headers.TryGetValues("x-ms-item-count", out var items) ? $", {items.First()} documents"
                    : "")
                + (response.Headers.Contains("x-ms-continuation") ? ", continues" : ""));
        if (response.Headers.TryGetValues("x-ms-item-count", out var counts)
            && long.TryParse(counts.FirstOrDefault(), out var count))
            Interlocked.Add(ref _documents, count);
        else if (request.Method == HttpMethod.Get && response.IsSuccessStatusCode
            && request.RequestUri?.AbsolutePath.Contains("/docs/") == true)
            Interlocked.Increment(ref _documents);
        return response;
    }

    private static async Task<double> EstimateAsync(HttpRequestMessage request, HttpResponseMessage response,
        long sentBytes, CancellationToken ct)
    {
        static double Kilobytes(long bytes) => Math.Max(1, Math.Ceiling(bytes / 1024.0));
        var received = response.Content is null ? 0 : (await response.Content.ReadAsByteArrayAsync(ct)).Length;
        if (request.Headers.Contains("x-ms-documentdb-isquery")
            || request.Headers.Contains("x-ms-cosmos-is-query-plan-request"))
            return 2.3 + received / 1024.0;
        if (request.Method == HttpMethod.Get) return response.IsSuccessStatusCode ? Kilobytes(received) : 1;
        if (request.Method == HttpMethod.Delete) return 5.5;
        return response.IsSuccessStatusCode ? 5.5 * Kilobytes(sentBytes) : 1;
    }
}

using System.Net;
using Microsoft.Azure.Cosmos;

namespace TimeTracker.Storage.Cosmos;

/// <summary>Point reads that treat 404 as "absent", and queries read to the end (the SDK pages by continuation).</summary>
internal static class CosmosItems
{
    public static async Task<(T? Item, string? ETag)> ReadAsync<T>(this Container container, string id, PartitionKey partitionKey, CancellationToken ct) where T : class
    {
        try
        {
            var response = await container.ReadItemAsync<T>(id, partitionKey, cancellationToken: ct);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }

    public static async Task<List<T>> QueryAsync<T>(this Container container, QueryDefinition query, PartitionKey? partitionKey, CancellationToken ct, int? limit = null)
    {
        var options = new QueryRequestOptions { PartitionKey = partitionKey, MaxItemCount = limit, EnableOptimisticDirectExecution = true };
        var results = new List<T>();
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (iterator.HasMoreResults && (limit is null || results.Count < limit))
            results.AddRange(await iterator.ReadNextAsync(ct));
        return limit is null ? results : results.Take(limit.Value).ToList();
    }

    public static async Task<bool> DeleteIfExistsAsync(this Container container, string id, PartitionKey partitionKey, CancellationToken ct)
    {
        using var response = await container.DeleteItemStreamAsync(id, partitionKey, cancellationToken: ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>A failed transactional batch as the exception its single write would have thrown.</summary>
    public static CosmosException Failure(this TransactionalBatchResponse response) =>
        new(response.ErrorMessage, response.StatusCode, 0, response.ActivityId, response.RequestCharge);

    public static bool IsConflict(this CosmosException e) => e.StatusCode == HttpStatusCode.Conflict;

    public static bool IsPreconditionFailed(this CosmosException e) => e.StatusCode == HttpStatusCode.PreconditionFailed;
}

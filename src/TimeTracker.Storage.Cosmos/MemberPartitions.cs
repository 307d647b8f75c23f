using Microsoft.Azure.Cosmos;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// Keys of the containers partitioned by (/workspaceId, /userId) — attendance and activity: one member's partition, or
/// the workspace's prefix of the hierarchical key, which a query may give to stay within the workspace's partitions.
/// </summary>
internal static class MemberPartitions
{
    public static PartitionKey Member(string workspaceId, string userId) =>
        new PartitionKeyBuilder().Add(workspaceId).Add(userId).Build();

    public static PartitionKey Workspace(string workspaceId) => new PartitionKeyBuilder().Add(workspaceId).Build();
}

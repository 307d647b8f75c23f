namespace TimeTracker.Storage.Cosmos;

/// <summary>The <c>Cosmos:*</c> settings (same keys in both hosts).</summary>
public sealed class CosmosOptions
{
    public const string Section = "Cosmos";

    public string? Endpoint { get; set; }

    /// <summary>Account key; when empty the client signs in with <c>DefaultAzureCredential</c> (managed identity in Azure).</summary>
    public string? Key { get; set; }

    public string Database { get; set; } = "timetracker";

    /// <summary>Create the database and containers at start (local development and tests only).</summary>
    public bool CreateIfNotExists { get; set; }
}

using System.Text.Json;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace TimeTracker.Storage.Cosmos;

/// <summary>
/// The one CosmosClient of the process (Gateway mode, System.Text.Json) and the containers of docs/ARCHITECTURE.md,
/// Storage. TransactionalBatch where two documents of one partition change together; no bulk, GROUP BY, OFFSET/LIMIT,
/// DISTINCT or LIKE: the stores work without them.
/// </summary>
public sealed class CosmosDatabase : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CosmosClient _client;

    public CosmosDatabase(CosmosOptions options, CosmosHttpObserver? observer = null)
    {
        if (string.IsNullOrEmpty(options.Endpoint)) throw new InvalidOperationException("Cosmos:Endpoint is required when Storage:Provider is Cosmos.");
        var transport = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        HttpMessageHandler handler = transport;
        if (observer is not null)
        {
            observer.Handler.InnerHandler = transport;
            handler = observer.Handler;
        }
        var clientOptions = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            UseSystemTextJsonSerializerWithOptions = Json,
            HttpClientFactory = () => new HttpClient(handler, disposeHandler: false),
        };
        _client = string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(options.Endpoint, new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(options.Endpoint, options.Key, clientOptions);
        DatabaseName = options.Database;
        var database = _client.GetDatabase(DatabaseName);
        ApiKeys = database.GetContainer("apikeys");
        Workspaces = database.GetContainer("workspaces");
        Attendance = database.GetContainer("attendance");
        Activity = database.GetContainer("activity");
        Rollups = database.GetContainer("rollups");
        Invitations = database.GetContainer("invitations");
        Idempotency = database.GetContainer("idempotency");
    }

    public string DatabaseName { get; }
    public Container ApiKeys { get; }
    public Container Workspaces { get; }
    public Container Attendance { get; }
    public Container Activity { get; }
    public Container Rollups { get; }
    public Container Invitations { get; }
    public Container Idempotency { get; }

    /// <summary>Creates the database and every container from the shared definition (local use only).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        var (_, containers) = ContainerDefinitions.Load();
        var database = (await _client.CreateDatabaseIfNotExistsAsync(DatabaseName, cancellationToken: ct)).Database;
        foreach (var container in containers)
            await database.CreateContainerIfNotExistsAsync(container.ToProperties(), cancellationToken: ct);
    }

    public void Dispose() => _client.Dispose();
}

using TimeTracker.Core;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;
using TimeTracker.Storage.Cosmos;
using TimeTracker.Storage.Sqlite;

using TimeTracker.Tests.Infrastructure;

namespace TimeTracker.Tests.Storage;

/// <summary>The <see cref="IApiKeyStore"/> contract, run against every store.</summary>
public abstract class ApiKeyStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<IApiKeyStore> StoreAsync();

    /// <summary>Stores with foreign keys need the member to exist first.</summary>
    protected virtual Task SeedMemberAsync(string workspaceId, string memberId) => Task.CompletedTask;

    private async Task<ApiKey> KeyAsync(string workspaceId, string memberId, string name = "k", DateTimeOffset? expires = null)
    {
        await SeedMemberAsync(workspaceId, memberId);
        return new ApiKey(Ids.New(), workspaceId, memberId, name, SecretHashing.Hash(name), Now, expires);
    }

    [Fact]
    public async Task A_created_key_reads_back_by_id_with_every_field()
    {
        var store = await StoreAsync();
        var key = await KeyAsync(Ids.New(), Ids.New(), "laptop", Now.AddDays(30));
        await store.CreateAsync(key);
        Assert.Equal(key, await store.GetAsync(key.Id));
        Assert.Null(await store.GetAsync(Ids.New()));
    }

    [Fact]
    public async Task Listing_is_per_workspace_and_optionally_per_member()
    {
        var store = await StoreAsync();
        var (ws, other, alice, bob) = (Ids.New(), Ids.New(), Ids.New(), Ids.New());
        var a1 = await KeyAsync(ws, alice, "a1");
        var a2 = await KeyAsync(ws, alice, "a2");
        var b1 = await KeyAsync(ws, bob, "b1");
        var elsewhere = await KeyAsync(other, Ids.New(), "x");
        foreach (var key in new[] { a1, a2, b1, elsewhere }) await store.CreateAsync(key);

        Assert.Equal(new[] { a1, a2, b1 }.OrderBy(k => k.Id, StringComparer.Ordinal), await store.ListAsync(ws, null));
        Assert.Equal(new[] { a1, a2 }.OrderBy(k => k.Id, StringComparer.Ordinal), await store.ListAsync(ws, alice));
        Assert.Empty(await store.ListAsync(ws, Ids.New()));
    }

    [Fact]
    public async Task Delete_removes_only_a_key_of_the_given_workspace()
    {
        var store = await StoreAsync();
        var key = await KeyAsync(Ids.New(), Ids.New());
        await store.CreateAsync(key);
        Assert.False(await store.DeleteAsync(Ids.New(), key.Id));
        Assert.NotNull(await store.GetAsync(key.Id));
        Assert.True(await store.DeleteAsync(key.WorkspaceId, key.Id));
        Assert.Null(await store.GetAsync(key.Id));
        Assert.False(await store.DeleteAsync(key.WorkspaceId, key.Id));
    }
}

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreContract, IDisposable
{
    private readonly TemporarySqliteFile _file = new("keys");
    private readonly SqliteDatabase _db;

    public SqliteApiKeyStoreTests() => _db = new SqliteDatabase(_file.Path);

    protected override Task<IApiKeyStore> StoreAsync() => Task.FromResult<IApiKeyStore>(new SqliteApiKeyStore(_db));

    protected override async Task SeedMemberAsync(string workspaceId, string memberId)
    {
        await _db.WriteAsync((c, tx) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT OR IGNORE INTO workspaces(id, name, time_zone, created_at) VALUES ($id, 'w', 'UTC', 0)";
            command.Parameters.AddWithValue("$id", workspaceId);
            command.ExecuteNonQuery();
        });
        var members = new SqliteMemberStore(_db);
        if (await members.GetAsync(workspaceId, memberId) is not null) return;
        await members.CreateAsync(new Member
        {
            WorkspaceId = workspaceId, Id = memberId, Email = $"{memberId}@x.y", FirstName = "F", LastName = "L",
            Role = MemberRole.RegularUser, Status = MemberStatus.Active, CreatedAt = default, UpdatedAt = default,
        });
    }

    public void Dispose() => _file.Dispose();
}

[Collection(LocalCosmosCollection.Name)]
public sealed class CosmosApiKeyStoreTests(LocalCosmos cosmos) : ApiKeyStoreContract, IAsyncLifetime
{
    private CosmosDatabase? _db;

    public async Task InitializeAsync() => _db = await cosmos.CreateDatabaseAsync();

    protected override Task<IApiKeyStore> StoreAsync() => Task.FromResult<IApiKeyStore>(new CosmosApiKeyStore(_db!));

    public Task DisposeAsync()
    {
        _db?.Dispose();
        return Task.CompletedTask;
    }
}

namespace TimeTracker.Core.Auth;

public interface IApiKeyStore
{
    /// <summary>One point read by the key id taken from the token.</summary>
    Task<ApiKey?> GetAsync(string keyId, CancellationToken ct = default);

    /// <summary>
    /// The key with its member and workspace for authentication, in as few round trips as the store allows; null when
    /// the key does not exist (or was deleted).
    /// </summary>
    Task<Credential?> GetCredentialAsync(string keyId, CancellationToken ct = default);

    Task<IReadOnlyList<ApiKey>> ListAsync(string workspaceId, string? memberId, CancellationToken ct = default);

    Task CreateAsync(ApiKey key, CancellationToken ct = default);

    Task<bool> DeleteAsync(string workspaceId, string keyId, CancellationToken ct = default);
}

using Microsoft.AspNetCore.Http;
using TimeTracker.Core.Auth;

namespace TimeTracker.Api.Auth;

/// <summary>
/// Resolves the caller from any of the accepted spellings of one credential (docs/API.md, Conventions):
/// <c>Authorization: Bearer</c>, Rocket.Chat's <c>X-Auth-Token</c> (+ <c>X-User-Id</c>), or TimeTrack's key/secret pair.
/// The key is read with its member and workspace (<see cref="IApiKeyStore.GetCredentialAsync"/>), the member always
/// fresh, so that deleting a key or a member and blocking take effect at once.
/// </summary>
public sealed class Authenticator(IApiKeyStore keys, TimeProvider clock)
{
    public async Task<Caller?> AuthenticateAsync(HttpRequest request)
    {
        if (!TryReadCredential(request, out var token, out var claimedUserId)) return null;
        var credential = await keys.GetCredentialAsync(token.KeyId, request.HttpContext.RequestAborted);
        if (credential is not { Key: var key, Member: { } member } || !SecretHashing.Matches(token.Secret,
                key.SecretHash) || key.IsExpired(clock.GetUtcNow())) return null;
        if (claimedUserId is not null && claimedUserId != key.MemberId) return null;
        if (!member.CanAuthenticate || key.MemberEpoch != member.KeyEpoch) return null;
        return new Caller(member.WorkspaceId, member.Id, member.Role, member.TeamId, key.Id)
            { Self = member, Workspace = credential.Workspace };
    }

    private static bool TryReadCredential(HttpRequest request, out ApiToken token, out string? claimedUserId)
    {
        var headers = request.Headers;
        claimedUserId = null;
        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return ApiToken.TryParse(authorization["Bearer ".Length..].Trim(), out token);

        var authToken = headers["X-Auth-Token"].ToString();
        if (authToken.Length > 0)
        {
            var userId = headers["X-User-Id"].ToString();
            claimedUserId = userId.Length > 0 ? userId : null;
            return ApiToken.TryParse(authToken.Trim(), out token);
        }

        var keyId = headers["X-TimeTrack-Api-Key"].ToString().Trim();
        var secret = headers["X-TimeTrack-Api-Secret"].ToString().Trim();
        if (keyId.Length > 0 && secret.Length > 0)
            return ApiToken.TryParse($"ttk_{keyId}_{secret}", out token);

        token = default;
        return false;
    }
}

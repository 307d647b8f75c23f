using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;
using TimeTracker.Core.Auth;

namespace TimeTracker.Api.ApiKeys;

/// <summary>API keys: everyone manages their own; owners and executive managers anyone's. The token is shown once.</summary>
public static class ApiKeyEndpoints
{
    public sealed record ApiKeyResponse(string Id, string Name, string MemberId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Token = null)
    {
        public static ApiKeyResponse From(ApiKey k, string? token = null) => new(k.Id, k.Name, k.MemberId, k.CreatedAt, k.ExpiresAt, token);
    }

    public static Task<IResult> Create(HttpRequest request) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var body = await ctx.BodyAsync();
        var name = body.RequiredString("name", 100);
        var memberId = body.Id("member_id") ?? caller.MemberId;
        var days = body.Int("expires_in_days", 1, 3650);
        if (memberId != caller.MemberId)
        {
            if (!caller.CanManageMembers()) throw ApiException.Forbidden("Only owners and executive managers can create keys for other members.");
            var member = await ctx.MemberAsync(caller, memberId);
            if (!member.CanAuthenticate) throw ApiException.Conflict("Keys can only be created for active members.", "member_id");
        }
        var (key, token) = Issue(caller.WorkspaceId, memberId, name, ctx.Now, days is null ? null : TimeSpan.FromDays(days.Value));
        await ctx.Service<IApiKeyStore>().CreateAsync(key, ctx.Aborted);
        return WebWork.Ok(ctx, ApiKeyResponse.From(key, token.ToString()), "API key created successfully", StatusCodes.Status201Created);
    });

    public static Task<IResult> List(HttpRequest request) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var memberId = request.Text("member_id") ?? (caller.CanManageMembers() ? null : caller.MemberId);
        if (memberId != caller.MemberId && !caller.CanManageMembers()) throw ApiException.Forbidden();
        var keys = await ctx.Service<IApiKeyStore>().ListAsync(caller.WorkspaceId, memberId, ctx.Aborted);
        return WebWork.Ok(ctx, keys.Select(k => ApiKeyResponse.From(k)).ToList(), "API keys retrieved successfully");
    });

    public static Task<IResult> Delete(HttpRequest request, string keyId) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var store = ctx.Service<IApiKeyStore>();
        var key = await store.GetAsync(keyId, ctx.Aborted);
        if (key is null || key.WorkspaceId != caller.WorkspaceId) throw ApiException.NotFound("API key");
        if (key.MemberId != caller.MemberId && !caller.CanManageMembers()) throw ApiException.Forbidden();
        if (!await store.DeleteAsync(caller.WorkspaceId, keyId, ctx.Aborted)) throw ApiException.NotFound("API key");
        return WebWork.Ok(ctx, null, "API key revoked successfully");
    });

    /// <summary>A new key and its token; only the secret's hash goes to the store.</summary>
    public static (ApiKey Key, ApiToken Token) Issue(string workspaceId, string memberId, string name, DateTimeOffset now, TimeSpan? lifetime)
    {
        var token = ApiToken.Create();
        var key = new ApiKey(token.KeyId, workspaceId, memberId, name, SecretHashing.Hash(token.Secret), now, now + lifetime);
        return (key, token);
    }
}

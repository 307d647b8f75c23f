using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.ApiKeys;

/// <summary>API keys: everyone manages their own; owners and executive managers anyone's. The token is shown once.</summary>
public static class ApiKeyEndpoints
{
    public sealed record ApiKeyResponse(string Id, string Name, string MemberId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Token = null)
    {
        public static ApiKeyResponse From(ApiKey k, string? token = null) => new(k.Id, k.Name, k.MemberId, k.CreatedAt, k.ExpiresAt, token);
    }

    public static Task<IResult> Create(HttpRequest request, AccessServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var body = await ctx.BodyAsync();
        var name = body.RequiredString("name", 100);
        var memberId = body.Id("member_id") ?? caller.MemberId;
        var days = body.Int("expires_in_days", 1, 3650);
        var member = memberId == caller.MemberId && caller.Self is { } self ? self : await ctx.MemberAsync(caller, memberId, field: "member_id");
        if (!caller.CanActOnAccountOf(member))
            throw ApiException.Forbidden("You can create keys only for yourself and for members you outrank.");
        if (!member.CanAuthenticate) throw ApiException.Conflict("Keys can only be created for active members.", "member_id");
        var (key, token) = Issue(member, name, ctx.Now, days is null ? null : TimeSpan.FromDays(days.Value));
        await services.Keys.CreateAsync(key, ctx.Aborted);
        return WebWork.Ok(ctx, ApiKeyResponse.From(key, token.ToString()), "API key created successfully", StatusCodes.Status201Created);
    });

    public static Task<IResult> List(HttpRequest request, AccessServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var memberId = request.Text("member_id") ?? (caller.CanManageMembers() ? null : caller.MemberId);
        if (memberId != caller.MemberId && !caller.CanManageMembers()) throw ApiException.Forbidden();
        var keys = await services.Keys.ListAsync(caller.WorkspaceId, memberId, ctx.Aborted);
        return WebWork.Ok(ctx, keys.Select(k => ApiKeyResponse.From(k)).ToList(), "API keys retrieved successfully");
    });

    public static Task<IResult> Delete(HttpRequest request, string keyId, AccessServices services) => WebWork.Handle(request, async ctx =>
    {
        var caller = await ctx.CallerAsync();
        var store = services.Keys;
        var key = await store.GetAsync(keyId, ctx.Aborted);
        if (key is null || key.WorkspaceId != caller.WorkspaceId) throw ApiException.NotFound("API key");
        if (key.MemberId != caller.MemberId)
        {
            var owner = await services.Members.GetAsync(caller.WorkspaceId, key.MemberId, ctx.Aborted);
            if (owner is null ? !caller.CanManageMembers() : !caller.CanActOnAccountOf(owner))
                throw ApiException.Forbidden("You can revoke keys only of yourself and of members you outrank.");
        }
        if (!await store.DeleteAsync(caller.WorkspaceId, keyId, ctx.Aborted)) throw ApiException.NotFound("API key");
        return WebWork.Ok(ctx, null, "API key revoked successfully");
    });

    /// <summary>A new key for <paramref name="member"/> and its token; only the secret's hash goes to the store.</summary>
    public static (ApiKey Key, ApiToken Token) Issue(Member member, string name, DateTimeOffset now, TimeSpan? lifetime)
    {
        var token = ApiToken.Create();
        var key = new ApiKey(token.KeyId, member.WorkspaceId, member.Id, name, SecretHashing.Hash(token.Secret), now, now + lifetime,
            member.KeyEpoch);
        return (key, token);
    }
}

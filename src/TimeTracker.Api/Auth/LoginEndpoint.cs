using Microsoft.AspNetCore.Http;
using TimeTracker.Api.ApiKeys;
using TimeTracker.Api.Http;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Auth;

/// <summary>Password sign-in: exchanges a username/email and password for a 30-day API token.</summary>
public static class LoginEndpoint
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(30);

    public sealed record TokenResponse(string Token, DateTimeOffset? ExpiresAt, string MemberId);

    public static Task<IResult> Login(HttpRequest request, AccessServices services) => WebWork.Handle(request, async ctx =>
    {
        var body = await ctx.BodyAsync();
        var workspaceId = body.RequiredId("workspace_id");
        var login = body.RequiredString("login", 254);
        var password = body.RequiredString("password", 1024);

        // Counted before the password is checked, in one step with the decision: parallel guesses share the limit.
        var throttle = services.Throttle;
        var account = Member.Normalize(login);
        if (await throttle.BeginAttemptAsync(workspaceId, account, ctx.Now, ctx.Aborted) is { } wait)
            throw new ApiException(StatusCodes.Status429TooManyRequests, "Too many failed sign-in attempts. Try again later.") { RetryAfter = wait };

        var member = await services.Members.FindByLoginAsync(workspaceId, login, ctx.Aborted);
        // Verify even when no account matched, so response time does not reveal which logins exist.
        var passwordMatches = PasswordHashing.Verify(password, member?.PasswordHash);
        if (member is null || !passwordMatches || !member.CanAuthenticate) throw ApiException.Unauthorized("Invalid login or password.");
        await throttle.ClearAsync(workspaceId, account, ctx.Aborted);
        var (key, token) = ApiKeyEndpoints.Issue(member, "Password sign-in", ctx.Now, TokenLifetime);
        await services.Keys.CreateAsync(key, ctx.Aborted);
        return WebWork.Ok(ctx, new TokenResponse(token.ToString(), key.ExpiresAt, member.Id), "Signed in successfully");
    });
}

using Microsoft.AspNetCore.Http;
using TimeTracker.Api.ApiKeys;
using TimeTracker.Api.Auth;
using TimeTracker.Api.Http;
using TimeTracker.Api.Members;
using TimeTracker.Core.Auth;
using TimeTracker.Core.Invitations;
using TimeTracker.Core.Members;
using TimeTracker.Core.Storage;

namespace TimeTracker.Api.Invitations;

/// <summary>Accepting an invitation (no auth: the link's token is the credential, usable once).</summary>
public static class InvitationEndpoints
{
    public static Task<IResult> Accept(HttpRequest request, string token, DirectoryServices services) => WebWork.Handle(request, async ctx =>
    {
        var body = await ctx.BodyAsync();
        var password = MemberFields.Password(body);
        var username = body.Has("username") ? MemberFields.Username(body) : null;

        var invitations = services.Invitations;
        var invitation = await invitations.GetAsync(SecretHashing.Hash(token), ctx.Aborted) ?? throw ApiException.NotFound("Invitation");
        if (invitation.AcceptedAt is not null) throw new ApiException(StatusCodes.Status410Gone, "This invitation has already been used.");
        if (invitation.ExpiresAt <= ctx.Now) throw new ApiException(StatusCodes.Status410Gone, "This invitation has expired.");
        var member = await services.Members.GetAsync(invitation.WorkspaceId, invitation.MemberId, ctx.Aborted);
        if (member is null || member.Status == MemberStatus.Deleted) throw ApiException.NotFound("Invitation");
        // Accepted by a concurrent request since the invitation was read: the same answer as a second click.
        if (member.Status != MemberStatus.Invited) throw new ApiException(StatusCodes.Status410Gone, "This invitation has already been used.");

        var now = ctx.Now;
        var activated = member with
        {
            Status = MemberStatus.Active, PasswordHash = PasswordHashing.Hash(password), Username = username ?? member.Username,
            ActivatedAt = now, UpdatedAt = now,
        };
        var (key, apiToken) = ApiKeyEndpoints.Issue(member, "Invitation sign-in", now, LoginEndpoint.TokenLifetime);
        bool accepted;
        try
        {
            accepted = await invitations.AcceptAsync(invitation, activated, key, now, ctx.Aborted);
        }
        catch (ConcurrencyConflictException)
        {
            accepted = false;
        }
        if (!accepted) throw new ApiException(StatusCodes.Status410Gone, "This invitation has already been used.");
        return WebWork.Ok(ctx, new LoginEndpoint.TokenResponse(apiToken.ToString(), key.ExpiresAt, member.Id), "Invitation accepted successfully");
    });
}

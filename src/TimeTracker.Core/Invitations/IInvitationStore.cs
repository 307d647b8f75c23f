using TimeTracker.Core.Auth;
using TimeTracker.Core.Members;

namespace TimeTracker.Core.Invitations;

public interface IInvitationStore
{
    /// <summary>Creates the invited member and the invitation as one unit.</summary>
    Task CreateAsync(Member invited, Invitation invitation, CancellationToken ct = default);

    Task<Invitation?> GetAsync(string invitationId, CancellationToken ct = default);

    /// <summary>
    /// Marks the invitation used, stores the activated member and its first key, all or nothing.
    /// Returns false when the invitation was already used (a concurrent accept won).
    /// </summary>
    Task<bool> AcceptAsync(Invitation invitation, Member activated, ApiKey key, DateTimeOffset now, CancellationToken ct = default);
}

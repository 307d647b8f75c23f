namespace TimeTracker.Core.Auth;

/// <summary>Sign-in attempts per account (workspace + normalized login), shared by every instance of the app.</summary>
public interface ILoginThrottleStore
{
    /// <summary>
    /// Counts an attempt with <see cref="LoginThrottle.Attempt"/> and stores the result in one atomic step.
    /// Null when the password may be checked, else how long the account must wait.
    /// </summary>
    Task<TimeSpan?> BeginAttemptAsync(
        string workspaceId, string account, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Forgets the account's attempts after a successful sign-in.</summary>
    Task ClearAsync(string workspaceId, string account, CancellationToken ct = default);

    /// <summary>
    /// Deletes the records that say nothing any more (<see cref="LoginThrottle.IsStale"/>): attempts are kept for any
    /// login a client sends, so without this they would only grow. Returns how many were deleted.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct = default);
}

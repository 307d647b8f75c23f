namespace TimeTracker.Core.Auth;

/// <summary>One account's recent sign-in attempts.</summary>
public sealed record LoginAttempts(int Count, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);

/// <summary>
/// Slows password guessing per account. Every attempt is counted <em>before</em> its password is checked, and the
/// count and the decision are one step in the store (<see cref="ILoginThrottleStore"/>), so parallel guesses cannot
/// slip past the limit: at most <see cref="MaxAttempts"/> passwords are checked per <see cref="Window"/>, after which
/// the account is locked for <see cref="Window"/>. A successful sign-in clears the count.
/// </summary>
public static class LoginThrottle
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Whether the account's record says nothing any more: its window is over and it is not locked.</summary>
    public static bool IsStale(LoginAttempts attempts, DateTimeOffset now) =>
        now - attempts.WindowStart >= Window && (attempts.LockedUntil is not { } until || until <= now);

    /// <summary>Counts one attempt: the new state and null when it may go ahead, else the state kept and how long to wait.</summary>
    public static (LoginAttempts State, TimeSpan? RetryAfter) Attempt(LoginAttempts? current, DateTimeOffset now)
    {
        if (current?.LockedUntil is { } until && until > now) return (current, until - now);
        if (current is null || current.LockedUntil is not null || now - current.WindowStart >= Window)
            return (new LoginAttempts(1, now, null), null);
        var count = current.Count + 1;
        return (new LoginAttempts(count, current.WindowStart, count >= MaxAttempts ? now + Window : null), null);
    }
}

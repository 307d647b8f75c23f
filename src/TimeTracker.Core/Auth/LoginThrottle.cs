using System.Collections.Concurrent;

namespace TimeTracker.Core.Auth;

/// <summary>
/// Slows password guessing per account: after <see cref="MaxFailures"/> failures inside <see cref="Window"/>
/// the account is locked for <see cref="Window"/>. In-memory per process: each Functions instance throttles
/// on its own, which still caps guesses per instance per window.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private sealed record State(int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);

    private readonly ConcurrentDictionary<string, State> _accounts = new();

    /// <summary>How long the account must wait, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(string account)
    {
        var now = clock.GetUtcNow();
        if (_accounts.TryGetValue(account, out var s) && s.LockedUntil is { } until && until > now)
            return until - now;
        return null;
    }

    public void RecordFailure(string account)
    {
        var now = clock.GetUtcNow();
        _accounts.AddOrUpdate(account,
            _ => new State(1, now, null),
            (_, s) =>
            {
                if (now - s.WindowStart > Window) return new State(1, now, null);
                var failures = s.Failures + 1;
                return new State(failures, s.WindowStart, failures >= MaxFailures ? now + Window : s.LockedUntil);
            });
    }

    public void RecordSuccess(string account) => _accounts.TryRemove(account, out _);
}

namespace TimeTracker.Core.Idempotency;

/// <summary>
/// The response to a request sent with an <c>Idempotency-Key</c>, kept for 24 h so a retry gets the original answer.
/// Written in the same transaction as the change it describes, so a crash can never keep one without the other.
/// </summary>
public sealed record IdempotencyRecord(
    string WorkspaceId,
    string CallerId,
    string Key,
    string RequestHash,
    int StatusCode,
    string ResponseBody,
    DateTimeOffset CreatedAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public bool IsExpired(DateTimeOffset now) => now - CreatedAt >= Lifetime;
}

/// <summary>Another request with the same key committed first; replay its record instead.</summary>
public sealed class IdempotencyKeyTakenException() : Exception("The idempotency key was used by a concurrent request.");

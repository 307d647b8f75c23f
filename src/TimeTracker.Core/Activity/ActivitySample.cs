namespace TimeTracker.Core.Activity;

public enum ActivityState
{
    Active,
    Idle,
}

/// <summary>A tracker's report that the member was active or idle over [Start, End). <see cref="Id"/> is the client's UUID.</summary>
public sealed record ActivitySample(Guid Id, DateTimeOffset Start, DateTimeOffset End, ActivityState State)
{
    public const int MaxBatch = 1000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(1);
}

public sealed record IngestResult(int Accepted, int Duplicates);

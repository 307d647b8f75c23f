namespace TimeTracker.Core.Members;

/// <summary>Descriptive member fields (WebWork's member object) that no rule or filter reads.</summary>
public sealed record MemberProfile
{
    public string? Avatar { get; init; }
    public string? Title { get; init; }
    public string? BirthDate { get; init; }
    public DateTimeOffset? HiredAt { get; init; }
    public string? PreferredTimezone { get; init; }
    public int? SettingsMaxInactiveMinutes { get; init; }
    public string? Currency { get; init; }
    public decimal? Rate { get; init; }
    public string? RateType { get; init; }
    public int? RateStatus { get; init; }
    public string? TaxCountry { get; init; }
    public string? TaxState { get; init; }
    public int? WeeklyHoursLimit { get; init; }
    public string? Screenshots { get; init; }
}

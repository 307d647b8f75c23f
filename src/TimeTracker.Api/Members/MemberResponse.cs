using TimeTracker.Core.Members;

namespace TimeTracker.Api.Members;

/// <summary>WebWork's member object (docs/API.md, Members) plus <c>team_id</c> and <c>username</c>.</summary>
public sealed record MemberResponse(
    string Id,
    string Email,
    string Firstname,
    string Lastname,
    string? Avatar,
    string CurrentRole,
    string? Timezone,
    string Status,
    string? TeamName,
    string? Title,
    string? BirthDate,
    DateTimeOffset? HiredAt,
    string? PreferredTimezone,
    int? SettingsMaxInactiveMinutes,
    string? Currency,
    decimal? Rate,
    string? RateType,
    int? RateStatus,
    string? TaxCountry,
    string? TaxState,
    bool IsBlocked,
    int? WeeklyHoursLimit,
    string? Screenshots,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    string? TeamId,
    string? Username)
{
    public static MemberResponse From(Member m, string? teamName) => new(
        m.Id, m.Email, m.FirstName, m.LastName, m.Profile.Avatar, m.Role.ToWireName(), m.TimeZone, m.Status.ToWireName(),
        teamName, m.Profile.Title, m.Profile.BirthDate, m.Profile.HiredAt, m.Profile.PreferredTimezone,
        m.Profile.SettingsMaxInactiveMinutes, m.Profile.Currency, m.Profile.Rate, m.Profile.RateType, m.Profile.RateStatus,
        m.Profile.TaxCountry, m.Profile.TaxState, m.IsBlocked, m.Profile.WeeklyHoursLimit, m.Profile.Screenshots,
        m.CreatedAt, m.UpdatedAt, m.DeletedAt, m.TeamId, m.Username);
}

using TimeTracker.Api.Http;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Members;

/// <summary>
/// Applies a WebWork <c>PUT /members/{id}</c> body: only the fields sent change; <c>remove_avatar: 1</c> clears the avatar.
/// </summary>
public static class MemberUpdate
{
    public static Member Apply(Member member, RequestBody body, string? teamId, DateTimeOffset now)
    {
        if (member.Status == MemberStatus.Deleted) throw ApiException.Conflict("A deleted member cannot be changed; restore it first.");
        var p = member.Profile;
        var profile = p with
        {
            Avatar = body.Bool("remove_avatar") == true ? null : body.Has("avatar") ? body.String("avatar", 2048) : p.Avatar,
            Title = body.Has("title") ? body.String("title", 200) : p.Title,
            BirthDate = body.Has("birth_date") ? MemberFields.Date(body, "birth_date") : p.BirthDate,
            HiredAt = body.Has("hired_at") ? MemberFields.Instant(body, "hired_at") : p.HiredAt,
            PreferredTimezone = body.Has("preferred_timezone") ? MemberFields.TimeZone(body, "preferred_timezone") : p.PreferredTimezone,
            SettingsMaxInactiveMinutes = body.Has("settings_max_inactive_minutes") ? body.Int("settings_max_inactive_minutes", 0, 1440) : p.SettingsMaxInactiveMinutes,
            Currency = body.Has("currency") ? Currency(body) : p.Currency,
            Rate = body.Has("rate") ? body.Decimal("rate", 0, 1_000_000) : p.Rate,
            RateType = body.Has("rate_type") ? body.String("rate_type", 32) : p.RateType,
            RateStatus = body.Has("rate_status") ? body.Int("rate_status", 0, 1) : p.RateStatus,
            TaxCountry = body.Has("tax_country") ? body.String("tax_country", 2) : p.TaxCountry,
            TaxState = body.Has("tax_state") ? body.String("tax_state", 64) : p.TaxState,
            WeeklyHoursLimit = body.Has("weekly_hours_limit") ? body.Int("weekly_hours_limit", 0, 168) : p.WeeklyHoursLimit,
            Screenshots = body.Has("screenshots") ? body.String("screenshots", 32) : p.Screenshots,
        };
        return member with
        {
            Email = body.Has("email") ? MemberFields.Email(body) : member.Email,
            FirstName = body.Has("firstname") ? body.RequiredString("firstname", 100) : member.FirstName,
            LastName = body.Has("lastname") ? body.RequiredString("lastname", 100) : member.LastName,
            Username = body.Has("username") ? MemberFields.Username(body) : member.Username,
            Role = body.Has("role") ? MemberFields.Role(body) : member.Role,
            TimeZone = body.Has("timezone") ? MemberFields.TimeZone(body, "timezone") : member.TimeZone,
            TeamId = body.Has("team_id") ? teamId : member.TeamId,
            IsBlocked = body.Has("is_blocked") ? body.Bool("is_blocked") ?? false : member.IsBlocked,
            Profile = profile,
            UpdatedAt = now,
        };
    }

    private static string? Currency(RequestBody body)
    {
        var currency = body.String("currency", 3);
        return currency is null || (currency.Length == 3 && currency.All(char.IsAsciiLetter))
            ? currency?.ToUpperInvariant()
            : throw body.Invalid("currency", "must be a three-letter ISO 4217 code");
    }
}

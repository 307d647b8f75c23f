using TimeTracker.Api.Http;
using TimeTracker.Core.Members;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Members;

/// <summary>Validation of member fields shared by the WebWork members and TimeTrack users endpoints.</summary>
public static class MemberFields
{
    public static string Email(RequestBody body, string name = "email")
    {
        var email = body.RequiredString(name, 254);
        return EmailAddress.IsValid(email) ? email : throw body.Invalid(name, "must be a valid email address");
    }

    public static MemberRole Role(RequestBody body, string name = "role")
    {
        var text = body.RequiredString(name, 64);
        return MemberRoles.TryParse(text, out var role)
            ? role
            : throw body.Invalid(name, $"must be one of: {string.Join(", ", MemberRoles.WireNames.Select(n => $"\"{n}\""))}");
    }

    public static string? TimeZone(RequestBody body, string name)
    {
        var zone = body.String(name, 64);
        if (zone is null) return null;
        return TimeZones.IsValid(zone) ? zone : throw body.Invalid(name, "must be an IANA time zone such as \"America/New_York\"");
    }

    public static string Username(RequestBody body, string name = "username")
    {
        var username = body.RequiredString(name, 64);
        return username.Any(char.IsWhiteSpace) || username.Contains('@')
            ? throw body.Invalid(name, "must not contain spaces or '@'")
            : username;
    }

    public static string Password(RequestBody body, string name = "password")
    {
        var password = body.RequiredString(name, 1024);
        return password.Length < 8 ? throw body.Invalid(name, "must be at least 8 characters") : password;
    }

    // Profile dates (a birth date, a hire date) are history, not tracked time: they reach back before 2000.
    private static readonly DateOnly FirstProfileDate = new(1900, 1, 1);
    private const string ProfileDates = "between 1900-01-01 and 2100-12-31";

    public static string? Date(RequestBody body, string name)
    {
        var text = body.String(name, 10);
        if (text is null) return null;
        return IsoInstant.TryParseDateAnyYear(text, out var date) && date >= FirstProfileDate && date <= InputBounds.LastDate
            ? text
            : throw body.Invalid(name, $"must be a date in YYYY-MM-DD format, {ProfileDates}");
    }

    public static DateTimeOffset? Instant(RequestBody body, string name)
    {
        var text = body.String(name, 40);
        if (text is null) return null;
        var invalid = body.Invalid(name, $"must be an ISO 8601 date-time {ProfileDates}");
        if (!IsoInstant.TryParseAnyYear(text, offsetRequired: false, out var value))
        {
            // WebWork's example writes "2023-01-15T09:00:00Z"; a bare date means its midnight UTC.
            if (!IsoInstant.TryParseDateAnyYear(text, out var date)) throw invalid;
            value = new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
        }
        return DateOnly.FromDateTime(value.UtcDateTime) >= FirstProfileDate && value < InputBounds.End ? value : throw invalid;
    }
}

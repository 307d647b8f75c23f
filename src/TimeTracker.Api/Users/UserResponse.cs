using System.Text.Json;
using TimeTracker.Core.Members;

namespace TimeTracker.Api.Users;

/// <summary>TimeTrack's user object (docs/API.md, Users). <c>password</c> is write-only.</summary>
public sealed record UserResponse(
    string Id,
    string? Username,
    string FirstName,
    string LastName,
    string Email,
    bool Enabled,
    bool Admin,
    bool TeamLead,
    string? Language,
    JsonElement? PersonalNumber)
{
    public static UserResponse From(Member m) => new(
        m.Id, m.Username, m.FirstName, m.LastName, m.Email, m.Enabled, m.Role.IsAdmin(), m.Role == MemberRole.TeamManager,
        m.Language, PersonalNumberJson(m.PersonalNumber));

    /// <summary>
    /// TimeTrack's example sends <c>personalNumber</c> as a JSON number; we store text (leading zeros matter) and
    /// give back a number whenever the text is a plain integer, so such clients read back what they wrote.
    /// </summary>
    private static JsonElement? PersonalNumberJson(string? value)
    {
        if (value is null) return null;
        var isPlainInteger = value.Length is > 0 and <= 15 && value.All(char.IsAsciiDigit) && (value == "0" || value[0] != '0');
        return JsonSerializer.SerializeToElement<object>(isPlainInteger ? long.Parse(value) : value);
    }
}

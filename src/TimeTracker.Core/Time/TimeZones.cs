using NodaTime;

namespace TimeTracker.Core.Time;

/// <summary>IANA zones from NodaTime's embedded tzdb, so results never depend on the host OS's zone data.</summary>
public static class TimeZones
{
    public static DateTimeZone? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static bool IsValid(string? id) => Find(id) is not null;

    public static DateTimeZone Get(string id) =>
        Find(id) ?? throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id));
}

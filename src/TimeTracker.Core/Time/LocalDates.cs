using NodaTime;

namespace TimeTracker.Core.Time;

public static class LocalDates
{
    /// <summary>The calendar date at <paramref name="instant"/> in the IANA zone <paramref name="zoneId"/>.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, string zoneId)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(TimeZones.Get(zoneId)).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }
}

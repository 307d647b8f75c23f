using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace TimeTracker.Core.Time;

/// <summary>Calendar days and wall times in an IANA zone, resolved as docs/API.md, Work-time analysis specifies.</summary>
public static class ZoneDays
{
    public const long TicksPerDay = TimeSpan.TicksPerDay;

    private static readonly LocalDateTimePattern SpacePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");
    private static readonly LocalDateTimePattern IsoPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    /// <summary>[start, next start) of <paramref name="date"/> in <paramref name="zone"/>: 23 h or 25 h on DST days.</summary>
    public static TimeRange Day(LocalDate date, DateTimeZone zone) =>
        new(zone.AtStartOfDay(date).ToInstant().ToDateTimeOffset().UtcTicks,
            zone.AtStartOfDay(date.PlusDays(1)).ToInstant().ToDateTimeOffset().UtcTicks);

    public static LocalDate DateOf(long utcTicks, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(new DateTimeOffset(utcTicks, TimeSpan.Zero)).InZone(zone).Date;

    /// <summary>The UTC day number (days since 0001-01-01) containing the instant.</summary>
    public static long UtcDay(long utcTicks) => utcTicks / TicksPerDay;

    /// <summary>
    /// The UTC days the half-open span [start, end) touches: a span ending exactly at midnight does not touch the next
    /// day, and an empty span (an open session that has just started) touches the day it starts in.
    /// </summary>
    public static IEnumerable<long> UtcDaysTouched(long startTicks, long endTicks)
    {
        var (first, last) = UtcDayRange(startTicks, endTicks);
        for (var day = first; day <= last; day++) yield return day;
    }

    /// <summary>The first and last of <see cref="UtcDaysTouched"/>, for loops that cannot afford an
    /// iterator.</summary>
    public static (long First, long Last) UtcDayRange(long startTicks, long endTicks) =>
        (UtcDay(startTicks), UtcDay(Math.Max(startTicks, endTicks - 1)));

    /// <summary>The calendar date at <paramref name="instant"/> in the IANA zone <paramref name="zoneId"/>.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, string zoneId)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(TimeZones.Get(zoneId)).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    public static TimeRange UtcDaySpan(long utcDay) => new(utcDay * TicksPerDay, (utcDay + 1) * TicksPerDay);

    /// <summary>
    /// Parses "yyyy-MM-dd HH:mm:ss" (or with 'T') as a wall time in the zone. Times skipped by a DST gap move
    /// forward by the gap; times repeated by an overlap take the earlier instant.
    /// </summary>
    public static bool TryParseWallTime(string? text, DateTimeZone zone, out long utcTicks)
    {
        utcTicks = 0;
        if (text is null) return false;
        var result = SpacePattern.Parse(text);
        if (!result.Success) result = IsoPattern.Parse(text);
        if (!result.Success || !InputBounds.Contains(result.Value)) return false;
        utcTicks = zone.ResolveLocal(result.Value, Resolvers.LenientResolver).ToInstant().ToDateTimeOffset().UtcTicks;
        return true;
    }
}

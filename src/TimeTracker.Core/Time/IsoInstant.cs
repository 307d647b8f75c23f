using System.Globalization;

namespace TimeTracker.Core.Time;

/// <summary>
/// The one parser of instants and dates for every endpoint family: strict ISO 8601 date-times
/// (<c>2025-07-18T08:00:00</c>, optional seconds fraction, optional <c>Z</c>/<c>±hh:mm</c>) and <c>yyyy-MM-dd</c>
/// dates. Without an offset an instant is UTC, as the attendance doc's examples are; endpoints that cannot know the
/// sender's zone (desktop trackers) require the offset. Exact formats, not a general parse: activity batches parse a
/// thousand of these per request. <see cref="TryParse"/> and <see cref="TryParseDate"/> refuse values outside
/// <see cref="InputBounds"/>; profile dates (a birth date) use the "any year" forms and bound themselves.
/// </summary>
public static class IsoInstant
{
    private static readonly string[] Formats =
        new[] { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" }
            .SelectMany(f => new[] { f, f + "'Z'", f + "zzz" }).ToArray();

    public static bool TryParse(string? text, bool offsetRequired, out DateTimeOffset value) =>
        TryParseAnyYear(text, offsetRequired, out value) && InputBounds.Contains(value);

    public static bool TryParseAnyYear(string? text, bool offsetRequired, out DateTimeOffset value)
    {
        value = default;
        if (text is null || (offsetRequired && !HasOffset(text))) return false;
        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryParseDate(string? text, out DateOnly value) =>
        TryParseDateAnyYear(text, out value) && InputBounds.Contains(value);

    public static bool TryParseDateAnyYear(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

using System.Globalization;
using TimeTracker.Core.Time;

namespace TimeTracker.Api.Http;

/// <summary>
/// Strict ISO 8601 date-times (<c>2025-07-18T08:00:00</c>, optional seconds fraction, optional <c>Z</c>/<c>±hh:mm</c>).
/// Without an offset the value is UTC, as the attendance seed's examples are; endpoints that cannot know the
/// sender's zone (desktop trackers) require the offset. Exact formats, not a general parse: activity batches
/// parse a thousand of these per request. Values outside <see cref="InputBounds"/> do not parse.
/// </summary>
public static class IsoInstant
{
    private static readonly string[] Formats =
        new[] { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" }
            .SelectMany(f => new[] { f, f + "'Z'", f + "zzz" }).ToArray();

    public static bool TryParse(string? text, bool offsetRequired, out DateTimeOffset value)
    {
        value = default;
        if (text is null || (offsetRequired && !HasOffset(text))) return false;
        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value) && InputBounds.Contains(value);
    }

    /// <summary>A calendar date <c>yyyy-MM-dd</c> within <see cref="InputBounds"/>.</summary>
    public static bool TryParseDate(string? text, out DateOnly value)
    {
        value = default;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && InputBounds.Contains(value);
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

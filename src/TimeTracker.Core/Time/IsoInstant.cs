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

    /// <summary>
    /// The shape trackers send (<see cref="TryParseCommonShape"/>) from a span, with its offset, within
    /// <see cref="InputBounds"/>. False for anything else, including values <see cref="TryParse"/> would accept in
    /// another shape: callers fall back to it.
    /// </summary>
    public static bool TryParseCommon(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        TryParseCommonShape(text, out value) && InputBounds.Contains(value);

    public static bool TryParseAnyYear(string? text, bool offsetRequired, out DateTimeOffset value)
    {
        value = default;
        if (text is null || (offsetRequired && !HasOffset(text))) return false;
        return TryParseCommonShape(text, out value) || DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>
    /// What trackers send, <c>yyyy-MM-ddTHH:mm:ss[.fffffff](Z|±hh:mm)</c>, read digit by digit: the general exact
    /// parse was the largest cost of ingesting a batch after the insert itself. Accepts only what the exact formats
    /// accept, with the same value (a unit test compares them); anything else, valid or not, is left to them.
    /// </summary>
    private static bool TryParseCommonShape(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        var at = 19;
        long fraction = 0;
        if (s[at] == '.')
        {
            var digits = 0;
            while (at + 1 + digits < s.Length && char.IsAsciiDigit(s[at + 1 + digits])) digits++;
            if (digits is 0 or > 7) return false;
            for (var i = 0; i < 7; i++) fraction = fraction * 10 + (i < digits ? s[at + 1 + i] - '0' : 0);
            at += 1 + digits;
        }
        long offsetMinutes;
        if (at == s.Length - 1 && s[at] == 'Z') offsetMinutes = 0;
        else if (at == s.Length - 6 && s[at] is '+' or '-' && s[at + 3] == ':' && Digits(s, at + 1, 2, out var oh) && Digits(s, at + 4, 2, out var om)
                 && oh <= 14 && om <= 59 && oh * 60 + om <= 14 * 60)
            offsetMinutes = (s[at] == '-' ? -1 : 1) * (oh * 60 + om);
        else return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        var utc = local - offsetMinutes * TimeSpan.TicksPerMinute;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    public static bool TryParseDate(string? text, out DateOnly value) =>
        TryParseDateAnyYear(text, out value) && InputBounds.Contains(value);

    public static bool TryParseDateAnyYear(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

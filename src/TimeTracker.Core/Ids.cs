namespace TimeTracker.Core;

/// <summary>Identifiers are UUID v7 strings: time-ordered, so new rows append to indexes instead of splitting pages.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString();

    public static bool IsValid(string? value) => Guid.TryParse(value, out _);
}

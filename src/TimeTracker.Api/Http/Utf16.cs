namespace TimeTracker.Api.Http;

/// <summary>Whether .NET text is well-formed UTF-16, i.e. encodes to UTF-8 without loss.</summary>
public static class Utf16
{
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i++;
        }
        return true;
    }
}

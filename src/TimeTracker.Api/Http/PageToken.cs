using System.Buffers.Text;
using System.Text;

namespace TimeTracker.Api.Http;

/// <summary>
/// Wraps a store's continuation in an opaque, URL-safe <c>page_token</c> so clients never depend on its form.
/// </summary>
public static class PageToken
{
    private const string Version = "p1:";

    public static string? Encode(string? continuation) =>
        continuation is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + continuation));

    public static string? Decode(string? token, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Version, StringComparison.Ordinal)) return text[Version.Length..];
        }
        catch (FormatException) { }
        throw ApiException.BadRequest(field, $"The {field} parameter is not a token this server issued.");
    }
}

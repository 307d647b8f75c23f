using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

/// <summary>Typed query-string accessors that name the parameter on any mismatch.</summary>
public static class QueryParameters
{
    public static string? Text(this HttpRequest request, string name)
    {
        var values = request.Query[name];
        if (values.Count == 0) return null;
        var value = values[^1]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static string RequiredText(this HttpRequest request, string name) =>
        request.Text(name) ?? throw ApiException.Required(name);

    public static int Int(this HttpRequest request, string name, int fallback, int min, int max)
    {
        var text = request.Text(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, out var value) || value < min || value > max)
            throw ApiException.BadRequest(name, $"The {name} parameter must be an integer between {min} and {max}.");
        return value;
    }

    public static bool? Bool(this HttpRequest request, string name)
    {
        var text = request.Text(name);
        if (text is null) return null;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw ApiException.BadRequest(name, $"The {name} parameter must be true or false."),
        };
    }

    /// <summary>Comma-separated values, trimmed, empties dropped.</summary>
    public static IReadOnlyList<string> List(this HttpRequest request, string name) =>
        request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}

using Microsoft.AspNetCore.Http;

namespace TimeTracker.Api.Http;

public static class ClientAddress
{
    /// <summary>The caller's IP: the connection's, or the first <c>X-Forwarded-For</c> hop when the proxy is trusted.</summary>
    public static string? Of(HttpRequest request, bool trustForwardedFor)
    {
        if (trustForwardedFor)
        {
            var forwarded = request.Headers["X-Forwarded-For"].ToString();
            var first = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is not null && System.Net.IPAddress.TryParse(first, out var parsed)) return parsed.ToString();
        }
        var remote = request.HttpContext.Connection.RemoteIpAddress;
        return remote is null ? null : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
    }
}

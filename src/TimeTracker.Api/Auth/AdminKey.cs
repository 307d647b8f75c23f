using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using TimeTracker.Api.Http;

namespace TimeTracker.Api.Auth;

/// <summary>The operator's key (<c>TimeTracker:AdminKey</c>) for workspace creation and job runs; unset disables them.</summary>
public sealed class AdminKey(string? configured)
{
    public const string Header = "X-Admin-Key";

    public bool IsConfigured => !string.IsNullOrEmpty(configured);

    public void Require(HttpRequest request)
    {
        if (!IsConfigured) throw ApiException.Forbidden("This endpoint is disabled: no admin key is configured on the server.");
        var sent = request.Headers[Header].ToString();
        if (sent.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(configured!)))
            throw ApiException.Unauthorized($"A valid {Header} header is required.");
    }
}

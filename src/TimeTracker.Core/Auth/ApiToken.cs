using System.Security.Cryptography;

namespace TimeTracker.Core.Auth;

/// <summary>The token string <c>ttk_&lt;keyId&gt;_&lt;secret&gt;</c>: a public key id for the point read, and a 256-bit secret.</summary>
public readonly record struct ApiToken(string KeyId, string Secret)
{
    private const string Prefix = "ttk_";

    public override string ToString() => $"{Prefix}{KeyId}_{Secret}";

    /// <summary>Mints a new key id and secret; the caller stores <see cref="SecretHashing.Hash"/> of the secret.</summary>
    public static ApiToken Create() =>
        new(Ids.New(), System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? value, out ApiToken token)
    {
        token = default;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = value.AsSpan(Prefix.Length);
        // Key ids are UUIDs (no '_'); the secret is base64url and may itself contain '_'.
        var split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1) return false;
        var keyId = rest[..split].ToString();
        if (!Ids.IsValid(keyId)) return false;
        token = new ApiToken(keyId, rest[(split + 1)..].ToString());
        return true;
    }

}

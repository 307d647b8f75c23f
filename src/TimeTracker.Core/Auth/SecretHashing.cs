using System.Security.Cryptography;
using System.Text;

namespace TimeTracker.Core.Auth;

/// <summary>
/// Hashes high-entropy secrets (API key secrets, invitation tokens). A single SHA-256 is enough for
/// 256-bit random values: there is nothing to brute-force, unlike a password.
/// </summary>
public static class SecretHashing
{
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string expectedHash)
    {
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        byte[] expected;
        try { expected = Convert.FromHexString(expectedHash); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A fresh 256-bit random token, URL-safe.</summary>
    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

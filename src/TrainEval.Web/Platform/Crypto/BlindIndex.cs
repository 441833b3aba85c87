using System.Security.Cryptography;
using System.Text;

namespace TrainEval.Web.Platform.Crypto;

/// <summary>
/// Keyed blind index: HMAC-SHA256(key, purpose | normalized value). Lets the database enforce uniqueness
/// and find duplicates of an encrypted value without holding it in plaintext (SEC-01, ENR-05).
/// </summary>
public sealed class BlindIndex(KeyRing keys)
{
    public string Compute(string purpose, string normalizedValue)
    {
        var bytes = HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes(purpose + "\n" + normalizedValue));
        return Convert.ToHexStringLower(bytes);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace TrainEval.Web.Platform.Crypto;

/// <summary>
/// Authenticated encryption (AES-256-GCM) of single sensitive fields (SEC-01).
/// Format: "v1.{keyId}.{base64(nonce[12] | tag[16] | ciphertext)}". The purpose (e.g. "user.id_number")
/// is bound as associated data, so a ciphertext cannot be moved to another column or record kind.
/// </summary>
public sealed class FieldProtector(KeyRing keys)
{
    private const string Version = "v1";

    public string Encrypt(string plaintext, string purpose)
    {
        var key = keys.EncryptionKeys[keys.ActiveKeyId];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[12 + 16 + plain.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, plain, output.AsSpan(28), output.AsSpan(12, 16), Aad(purpose));
        return $"{Version}.{keys.ActiveKeyId}.{Convert.ToBase64String(output)}";
    }

    public string Decrypt(string protectedValue, string purpose)
    {
        var parts = protectedValue.Split('.', 3);
        if (parts.Length != 3 || parts[0] != Version) throw new CryptographicException("Unknown protected value format.");
        if (!keys.EncryptionKeys.TryGetValue(parts[1], out var key)) throw new CryptographicException($"Key '{parts[1]}' is not configured.");
        var data = Convert.FromBase64String(parts[2]);
        if (data.Length < 28) throw new CryptographicException("Protected value is truncated.");
        var plain = new byte[data.Length - 28];
        using var gcm = new AesGcm(key, 16);
        gcm.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain, Aad(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>True when the value was encrypted with a key other than the active one (re-encrypt on rotation).</summary>
    public bool NeedsRotation(string protectedValue) => protectedValue.Split('.', 3) is [_, var id, _] && id != keys.ActiveKeyId;

    private static byte[] Aad(string purpose) => Encoding.UTF8.GetBytes("traineval:" + purpose);
}

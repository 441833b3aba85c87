using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace TrainEval.Web.Modules.Payments.WeChatPay;

/// <summary>
/// AEAD_AES_256_GCM as WeChat Pay uses it for notification resources: key = the 32-byte APIv3密钥 (ASCII),
/// nonce = the resource's 12-character nonce (UTF-8 bytes), associated data = associated_data (UTF-8, may be empty),
/// ciphertext = base64 of (encrypted bytes ‖ 16-byte tag).
/// </summary>
public static class WeChatPayCrypto
{
    public const string Algorithm = "AEAD_AES_256_GCM";
    public const int TagSize = 16;
    public const int NonceSize = 12;

    /// <summary>Decrypts a resource to its UTF-8 JSON.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes or the nonce not 12 bytes.</exception>
    /// <exception cref="FormatException">The ciphertext is not base64.</exception>
    /// <exception cref="AuthenticationTagMismatchException">Wrong key, or tampered ciphertext/tag/associated data/nonce.</exception>
    public static string DecryptResource(string apiV3Key, string? associatedData, string nonce, string ciphertextBase64)
    {
        var key = KeyBytes(apiV3Key);
        var nonceBytes = NonceBytes(nonce);
        var data = Convert.FromBase64String(ciphertextBase64);
        if (data.Length < TagSize)
            throw new AuthenticationTagMismatchException("The ciphertext is shorter than the 16-byte GCM tag.");

        var cipher = data.AsSpan(0, data.Length - TagSize);
        var tag = data.AsSpan(data.Length - TagSize);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonceBytes, cipher, tag, plain, Encoding.UTF8.GetBytes(associatedData ?? ""));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary><see cref="DecryptResource"/> that returns false instead of throwing for bad input.</summary>
    public static bool TryDecryptResource(string apiV3Key, string? associatedData, string nonce, string ciphertextBase64,
        [NotNullWhen(true)] out string? plaintext)
    {
        try
        {
            plaintext = DecryptResource(apiV3Key, associatedData, nonce, ciphertextBase64);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            plaintext = null;
            return false;
        }
    }

    /// <summary>The inverse of <see cref="DecryptResource"/>: base64(ciphertext ‖ tag). Used by the sandbox and tests.</summary>
    public static string EncryptResource(string apiV3Key, string? associatedData, string nonce, string plaintext)
    {
        var key = KeyBytes(apiV3Key);
        var nonceBytes = NonceBytes(nonce);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[plain.Length + TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonceBytes, plain, output.AsSpan(0, plain.Length), output.AsSpan(plain.Length), Encoding.UTF8.GetBytes(associatedData ?? ""));
        return Convert.ToBase64String(output);
    }

    /// <summary>A fresh 12-character [A-Za-z0-9] resource nonce from the CSPRNG.</summary>
    public static string CreateResourceNonce() => WeChatPaySigner.CreateNonce(NonceSize);

    private static byte[] KeyBytes(string apiV3Key)
    {
        if (!WeChatPayOptions.IsValidApiV3Key(apiV3Key))
            throw new ArgumentException("The APIv3 key must be exactly 32 ASCII characters.", nameof(apiV3Key));
        return Encoding.ASCII.GetBytes(apiV3Key);
    }

    private static byte[] NonceBytes(string nonce)
    {
        var bytes = Encoding.UTF8.GetBytes(nonce ?? "");
        if (bytes.Length != NonceSize)
            throw new ArgumentException("The AEAD_AES_256_GCM nonce must be 12 bytes.", nameof(nonce));
        return bytes;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Modules.Verification;

/// <summary>
/// Envelope encryption of biometric data (IDV-06): every record gets its own random 256-bit data key; the data
/// (template, photo, frames) is sealed with AES-256-GCM under that key, and the key is wrapped with the platform key
/// ring bound to the record's id — so a blob or a wrapped key moved to another record does not open. Only this module
/// holds the vault; callers that open a blob write an audit entry (see <see cref="FaceReferences"/> and the review pages).
/// </summary>
public sealed class BiometricVault(FieldProtector protector, IFileStore files)
{
    private const int NonceSize = 12, TagSize = 16;

    public sealed record Sealed(string WrappedKey, byte[] Key);

    /// <summary>A fresh data key for record <paramref name="recordId"/>.</summary>
    public Sealed NewKey(Guid recordId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return new Sealed(protector.Encrypt(Convert.ToBase64String(key), Purpose(recordId)), key);
    }

    public byte[] UnwrapKey(Guid recordId, string wrappedKey) => Convert.FromBase64String(protector.Decrypt(wrappedKey, Purpose(recordId)));

    public static byte[] Encrypt(byte[] key, ReadOnlySpan<byte> plain, string label)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var gcm = new AesGcm(key, TagSize);
        gcm.Encrypt(output.AsSpan(0, NonceSize), plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Label(label));
        return output;
    }

    public static byte[] Decrypt(byte[] key, ReadOnlySpan<byte> sealedBytes, string label)
    {
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("Sealed biometric data is truncated.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var gcm = new AesGcm(key, TagSize);
        gcm.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, Label(label));
        return plain;
    }

    /// <summary>Seals a list of images (length-prefixed) and stores the ciphertext; returns the file key.</summary>
    public async Task<string> StoreImagesAsync(byte[] key, IReadOnlyList<byte[]> images, CancellationToken ct)
    {
        var total = images.Sum(i => 4 + i.Length);
        var plain = new byte[total];
        var at = 0;
        foreach (var image in images)
        {
            BinaryPrimitives.WriteInt32LittleEndian(plain.AsSpan(at), image.Length);
            image.CopyTo(plain.AsSpan(at + 4));
            at += 4 + image.Length;
        }
        var sealedBytes = Encrypt(key, plain, "images");
        using var stream = new MemoryStream(sealedBytes, writable: false);
        return (await files.SaveAsync(stream, ct)).Key;
    }

    public async Task<IReadOnlyList<byte[]>> OpenImagesAsync(byte[] key, string fileKey, CancellationToken ct)
    {
        await using var stream = await files.OpenAsync(fileKey, ct) ?? throw new FileNotFoundException("Sealed images are missing from the file store.", fileKey);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var plain = Decrypt(key, buffer.ToArray(), "images");
        var images = new List<byte[]>();
        for (var at = 0; at + 4 <= plain.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(plain.AsSpan(at));
            if (length < 0 || at + 4 + length > plain.Length) throw new CryptographicException("Sealed images are malformed.");
            images.Add(plain.AsSpan(at + 4, length).ToArray());
            at += 4 + length;
        }
        return images;
    }

    public static byte[] EncryptTemplate(byte[] key, float[] template)
    {
        var plain = new byte[template.Length * 4];
        for (var i = 0; i < template.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(plain.AsSpan(i * 4), template[i]);
        return Encrypt(key, plain, "template");
    }

    public static float[] DecryptTemplate(byte[] key, byte[] cipher)
    {
        var plain = Decrypt(key, cipher, "template");
        var template = new float[plain.Length / 4];
        for (var i = 0; i < template.Length; i++) template[i] = BinaryPrimitives.ReadSingleLittleEndian(plain.AsSpan(i * 4));
        return template;
    }

    private static string Purpose(Guid recordId) => "idv.key:" + recordId.ToString("N");
    private static byte[] Label(string label) => System.Text.Encoding.UTF8.GetBytes("traineval:idv:" + label);
}

using System.Security.Cryptography;
using TrainEval.Web.Modules.Verification;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Files;

namespace TrainEval.UnitTests.Verification;

/// <summary>IDV-06: per-record data keys, sealed templates and images, nothing readable without the record's key.</summary>
public sealed class BiometricVaultTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "te-vault-" + Guid.NewGuid().ToString("N"));
    private readonly BiometricVault vault;
    private readonly MemoryFiles files = new();

    public BiometricVaultTests() => vault = new BiometricVault(new FieldProtector(KeyRing.Random()), files);

    public void Dispose() { if (Directory.Exists(root)) Directory.Delete(root, true); }

    [Fact]
    public void IDV_06_template_round_trips_and_the_ciphertext_is_not_the_floats()
    {
        var id = Guid.NewGuid();
        var key = vault.NewKey(id);
        var template = Enumerable.Range(0, 512).Select(i => MathF.Sin(i)).ToArray();
        var sealedBytes = BiometricVault.EncryptTemplate(key.Key, template);
        Assert.Equal(12 + 16 + 512 * 4, sealedBytes.Length);
        var plainBytes = new byte[512 * 4];
        Buffer.BlockCopy(template, 0, plainBytes, 0, plainBytes.Length);
        Assert.True(sealedBytes.AsSpan().IndexOf(plainBytes.AsSpan(0, 16)) < 0);
        Assert.Equal(template, BiometricVault.DecryptTemplate(vault.UnwrapKey(id, key.WrappedKey), sealedBytes));
    }

    [Fact]
    public void IDV_06_a_wrapped_key_moved_to_another_record_does_not_open()
    {
        var key = vault.NewKey(Guid.NewGuid());
        Assert.ThrowsAny<CryptographicException>(() => vault.UnwrapKey(Guid.NewGuid(), key.WrappedKey));
    }

    [Fact]
    public void IDV_06_tampered_or_truncated_ciphertext_is_refused()
    {
        var key = vault.NewKey(Guid.NewGuid());
        var sealedBytes = BiometricVault.EncryptTemplate(key.Key, new float[512]);
        sealedBytes[40] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => BiometricVault.DecryptTemplate(key.Key, sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => BiometricVault.DecryptTemplate(key.Key, sealedBytes[..20]));
    }

    [Fact]
    public async Task IDV_06_images_are_stored_sealed_and_come_back_in_order()
    {
        var key = vault.NewKey(Guid.NewGuid());
        byte[][] images = [[0xFF, 0xD8, 0xFF, 1, 2, 3], [0x89, 0x50, 0x4E, 0x47], []];
        var fileKey = await vault.StoreImagesAsync(key.Key, images, CancellationToken.None);
        var stored = files.Blobs[fileKey];
        Assert.True(stored.AsSpan().IndexOf(new byte[] { 0xFF, 0xD8, 0xFF }) < 0);
        var back = await vault.OpenImagesAsync(key.Key, fileKey, CancellationToken.None);
        Assert.Equal(images.Length, back.Count);
        for (var i = 0; i < images.Length; i++) Assert.Equal(images[i], back[i]);
        var other = vault.NewKey(Guid.NewGuid());
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.OpenImagesAsync(other.Key, fileKey, CancellationToken.None));
    }

    private sealed class MemoryFiles : IFileStore
    {
        public Dictionary<string, byte[]> Blobs { get; } = [];

        public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Blobs[hash] = bytes;
            return new StoredFile(hash, hash, bytes.Length);
        }

        public Task<Stream?> OpenAsync(string key, CancellationToken ct)
            => Task.FromResult<Stream?>(Blobs.TryGetValue(key, out var b) ? new MemoryStream(b) : null);
    }
}

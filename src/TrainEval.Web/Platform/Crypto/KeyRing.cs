using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TrainEval.Web.Platform.Crypto;

/// <summary>Resolved key material. Built once at start from <see cref="CryptoOptions"/>.</summary>
public sealed class KeyRing
{
    public string ActiveKeyId { get; }
    public IReadOnlyDictionary<string, byte[]> EncryptionKeys { get; }
    public byte[] BlindIndexKey { get; }
    public byte[] AuditChainKey { get; }

    public KeyRing(string activeKeyId, IReadOnlyDictionary<string, byte[]> keys, byte[] blindIndexKey, byte[] auditChainKey)
    {
        if (!keys.ContainsKey(activeKeyId)) throw new InvalidOperationException($"Active key '{activeKeyId}' is not in Platform:Crypto:Keys.");
        foreach (var (id, k) in keys)
            if (k.Length != 32) throw new InvalidOperationException($"Platform:Crypto:Keys:{id} must be 32 bytes (base64).");
        if (blindIndexKey.Length < 32) throw new InvalidOperationException("Platform:Crypto:BlindIndexKey must be at least 32 bytes (base64).");
        if (auditChainKey.Length < 32) throw new InvalidOperationException("Platform:Crypto:AuditChainKey must be at least 32 bytes (base64).");
        ActiveKeyId = activeKeyId;
        EncryptionKeys = keys;
        BlindIndexKey = blindIndexKey;
        AuditChainKey = auditChainKey;
    }

    public static KeyRing Create(IOptions<CryptoOptions> options, IHostEnvironment env, ILogger<KeyRing> log)
    {
        var o = options.Value;
        if (o.Keys.Count == 0 && string.IsNullOrEmpty(o.BlindIndexKey))
        {
            if (string.IsNullOrEmpty(o.DevelopmentKeyFile))
                throw new InvalidOperationException("No encryption keys configured: set Platform__Crypto__ActiveKeyId, Platform__Crypto__Keys__<id>, Platform__Crypto__BlindIndexKey and Platform__Crypto__AuditChainKey.");
            o = LoadOrCreateDevelopmentKeys(Path.Combine(env.ContentRootPath, o.DevelopmentKeyFile), log);
        }
        return new KeyRing(o.ActiveKeyId,
            o.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)),
            Convert.FromBase64String(o.BlindIndexKey),
            Convert.FromBase64String(o.AuditChainKey));
    }

    private static CryptoOptions LoadOrCreateDevelopmentKeys(string path, ILogger log)
    {
        if (File.Exists(path))
            return JsonSerializer.Deserialize<CryptoOptions>(File.ReadAllText(path))
                   ?? throw new InvalidOperationException($"Key file {path} is unreadable.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var generated = new CryptoOptions
        {
            ActiveKeyId = "k1",
            Keys = new() { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            AuditChainKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            DevelopmentKeyFile = "",
        };
        File.WriteAllText(path, JsonSerializer.Serialize(generated));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        log.LogWarning("No encryption keys configured; generated development keys in {Path}. Configure Platform:Crypto from the environment in production.", path);
        return generated;
    }

    /// <summary>Fresh random keys (tests, benchmarks).</summary>
    public static KeyRing Random() => new("k1",
        new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) },
        RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
}

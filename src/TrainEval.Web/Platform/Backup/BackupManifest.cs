using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Backup;

public sealed record BackupFileEntry(string Path, string Sha256, long Length);

public sealed record AuditHead(long Sequence, string Hash);

/// <summary>
/// What a backup holds and how to check a restore of it (SEC-03): the database dump and its hash, row counts per table
/// and the audit chain head taken from the same snapshot as the dump, the SHA-256 of every stored file, and a
/// fingerprint of the key ring the data is encrypted and chained with. Sealed with an HMAC under the audit chain key,
/// so editing the manifest to match a tampered backup is detected as well.
/// </summary>
public sealed record BackupManifest
{
    public const string FormatName = "traineval-backup/1";
    public const string FileName = "manifest.json";
    public const string FilesFolder = "files";
    public const string KeysFolder = "keys";

    public string Format { get; init; } = FormatName;
    public DateTime CreatedAtUtc { get; init; }
    public DatabaseProvider Provider { get; init; }
    public string LastMigration { get; init; } = "";
    public BackupFileEntry Database { get; init; } = new("", "", 0);
    public SortedDictionary<string, long> Tables { get; init; } = new(StringComparer.Ordinal);
    public AuditHead? AuditHead { get; init; }
    public List<BackupFileEntry> Files { get; init; } = [];
    public string KeyFingerprint { get; init; } = "";
    public bool KeysIncluded { get; init; }
    public string Mac { get; init; } = "";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public BackupManifest Seal(KeyRing keys) => this with { Mac = ComputeMac(keys) };

    public bool MacValid(KeyRing keys) => CryptographicOperations.FixedTimeEquals(
        Encoding.ASCII.GetBytes(Mac), Encoding.ASCII.GetBytes(ComputeMac(keys)));

    private string ComputeMac(KeyRing keys)
        => Convert.ToHexStringLower(HMACSHA256.HashData(keys.AuditChainKey, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this with { Mac = "", Tables = new(Tables, StringComparer.Ordinal) }, Json))));

    public async Task WriteAsync(string directory, CancellationToken ct)
        => await File.WriteAllTextAsync(System.IO.Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json), ct);

    public static async Task<BackupManifest> ReadAsync(string directory, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new BackupException($"No {FileName} in {directory}: not a TrainEval backup.");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, ct), Json)
                       ?? throw new BackupException($"{path} is empty.");
        if (manifest.Format != FormatName) throw new BackupException($"{path} has format '{manifest.Format}', expected '{FormatName}'.");
        return manifest;
    }

    /// <summary>
    /// A non-secret fingerprint of the key ring (SHA-256 over HMACs of a fixed label): equal fingerprints mean the
    /// restored data can be decrypted and its audit chain verified with the keys at hand.
    /// </summary>
    public static string Fingerprint(KeyRing keys)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var label = "traineval:key-fingerprint"u8;
        sha.AppendData(HMACSHA256.HashData(keys.AuditChainKey, label));
        sha.AppendData(HMACSHA256.HashData(keys.BlindIndexKey, label));
        foreach (var (id, key) in keys.EncryptionKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(id));
            sha.AppendData(HMACSHA256.HashData(key, label));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..32];
    }
}

/// <summary>An expected failure of a backup or restore command, printed as is (no stack trace).</summary>
public sealed class BackupException(string message) : Exception(message);

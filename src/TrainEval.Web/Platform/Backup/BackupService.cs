using System.Globalization;
using System.Security.Cryptography;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Backup;

/// <summary>Where the data lives: the database and the file storage root (both are backed up and restored together).</summary>
public sealed record DataLocation(DatabaseProvider Provider, string ConnectionString, string FilesRoot);

/// <summary>Where the key material lives when it is kept in files (development key file, ASP.NET data-protection key ring).</summary>
public sealed record KeyLocation(string? FieldKeyFile, string DataProtectionDirectory);

public sealed class BackupOptions
{
    public const string Section = "Platform:Backup";
    /// <summary>Directory holding pg_dump / pg_restore when they are not on the PATH.</summary>
    public string? PgBinDir { get; set; }
}

/// <summary>
/// Makes a backup directory (SEC-03): <c>database.sqlite</c> or <c>database.pgdump</c>, <c>files/</c> (the whole file
/// storage root), optionally <c>keys/</c>, and <c>manifest.json</c>. The database copy is taken first, the files after
/// it: files are content-addressed and written before the rows that point to them, so every file the copied rows name
/// is in the copy even while the app keeps running.
/// </summary>
public sealed class BackupService(TimeProvider clock, BackupOptions options)
{
    public async Task<(string Directory, BackupManifest Manifest)> BackupAsync(DataLocation source, KeyRing keys, string outDirectory,
        KeyLocation? includeKeys, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var directory = Path.Combine(Path.GetFullPath(outDirectory), "traineval-backup-" + now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        if (Directory.Exists(directory)) throw new BackupException($"{directory} already exists.");
        Directory.CreateDirectory(directory);

        var dbFile = Path.Combine(directory, source.Provider == DatabaseProvider.Sqlite ? "database.sqlite" : "database.pgdump");
        var snapshot = source.Provider == DatabaseProvider.Sqlite
            ? await DatabaseDump.BackupSqliteAsync(source.ConnectionString, dbFile, ct)
            : await DatabaseDump.BackupPostgresAsync(source.ConnectionString, dbFile, options.PgBinDir, ct);

        var files = await CopyTreeAsync(source.FilesRoot, Path.Combine(directory, BackupManifest.FilesFolder), ct);
        if (includeKeys is not null) await CopyKeysAsync(includeKeys, Path.Combine(directory, BackupManifest.KeysFolder), ct);

        var manifest = new BackupManifest
        {
            CreatedAtUtc = now,
            Provider = source.Provider,
            LastMigration = snapshot.LastMigration,
            Database = new BackupFileEntry(Path.GetFileName(dbFile), await HashFileAsync(dbFile, ct), new FileInfo(dbFile).Length),
            Tables = snapshot.Tables,
            AuditHead = snapshot.AuditHead,
            Files = files,
            KeyFingerprint = BackupManifest.Fingerprint(keys),
            KeysIncluded = includeKeys is not null,
        }.Seal(keys);
        await manifest.WriteAsync(directory, ct);
        return (directory, manifest);
    }

    /// <summary>Copies every stored file (not the half-written <c>tmp-*</c> ones), hashing the bytes as they are copied.</summary>
    private static async Task<List<BackupFileEntry>> CopyTreeAsync(string root, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(target);
        var entries = new List<BackupFileEntry>();
        if (!Directory.Exists(root)) return entries;
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (Path.GetFileName(relative).StartsWith("tmp-", StringComparison.Ordinal)) continue;
            var (sha, length) = await CopyAndHashAsync(path, Path.Combine(target, relative), ct);
            entries.Add(new BackupFileEntry(relative, sha, length));
        }
        return entries;
    }

    private static async Task CopyKeysAsync(KeyLocation keys, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(target);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (keys.FieldKeyFile is not null && File.Exists(keys.FieldKeyFile))
            await CopyAndHashAsync(keys.FieldKeyFile, Path.Combine(target, "field-keys.json"), ct);
        if (Directory.Exists(keys.DataProtectionDirectory))
            foreach (var file in Directory.EnumerateFiles(keys.DataProtectionDirectory))
                await CopyAndHashAsync(file, Path.Combine(target, "dataprotection", Path.GetFileName(file)), ct);
    }

    internal static async Task<(string Sha256, long Length)> CopyAndHashAsync(string from, string to, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, FileOptions.Asynchronous))
        await using (var output = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
                length += read;
            }
            await output.FlushAsync(ct);
            output.Flush(flushToDisk: true);
        }
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), length);
    }

    internal static async Task<string> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}

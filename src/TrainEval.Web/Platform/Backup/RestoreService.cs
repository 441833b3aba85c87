using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Platform.Backup;

public sealed record RestoreCheck(string Name, bool Ok, string Detail);

public sealed record RestoreReport(string From, IReadOnlyList<RestoreCheck> Checks)
{
    public bool Ok => Checks.All(c => c.Ok);

    public string Format() => string.Join(Environment.NewLine,
        Checks.Select(c => $"  [{(c.Ok ? "OK" : "FAIL")}] {c.Name}: {c.Detail}")
            .Prepend($"Restore of {From}:")
            .Append(Ok ? "RESTORE VERIFIED: database, files and audit chain match the backup manifest." : "RESTORE NOT VERIFIED: see the FAIL lines above."));
}

/// <summary>
/// Restores a backup made by <see cref="BackupService"/> into an empty database and file root (or over existing ones
/// with <c>force</c>), then verifies the result against the manifest: every file's SHA-256, the row count of every
/// table, the audit chain head, and the audit chain end to end (<see cref="AuditVerifier"/>).
/// </summary>
public sealed class RestoreService(BackupOptions options)
{
    /// <summary>
    /// Puts the backup's key files in place when the backup carries them and the target has none (step one of a restore:
    /// the key ring must exist before it is loaded). Never overwrites existing keys.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RestoreKeyFilesAsync(string from, KeyLocation target, CancellationToken ct)
    {
        var restored = new List<string>();
        var keysDir = Path.Combine(from, BackupManifest.KeysFolder);
        if (!Directory.Exists(keysDir)) return restored;
        var fieldKeys = Path.Combine(keysDir, "field-keys.json");
        if (target.FieldKeyFile is not null && File.Exists(fieldKeys) && !File.Exists(target.FieldKeyFile))
        {
            await BackupService.CopyAndHashAsync(fieldKeys, target.FieldKeyFile, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target.FieldKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            restored.Add(target.FieldKeyFile);
        }
        var dp = Path.Combine(keysDir, "dataprotection");
        if (Directory.Exists(dp) && (!Directory.Exists(target.DataProtectionDirectory) || !Directory.EnumerateFiles(target.DataProtectionDirectory).Any()))
        {
            foreach (var file in Directory.EnumerateFiles(dp))
                await BackupService.CopyAndHashAsync(file, Path.Combine(target.DataProtectionDirectory, Path.GetFileName(file)), ct);
            restored.Add(target.DataProtectionDirectory);
        }
        return restored;
    }

    public async Task<RestoreReport> RestoreAsync(string from, DataLocation target, KeyRing keys, bool force, CancellationToken ct)
    {
        from = Path.GetFullPath(from);
        var manifest = await BackupManifest.ReadAsync(from, ct);
        if (manifest.Provider != target.Provider)
            throw new BackupException($"The backup is of a {manifest.Provider} database; the target is {target.Provider}. Configure Platform__Database__Provider={manifest.Provider}.");
        if (manifest.KeyFingerprint != BackupManifest.Fingerprint(keys))
            throw new BackupException($"The configured key ring (fingerprint {BackupManifest.Fingerprint(keys)}) is not the one the backup was made with " +
                $"({manifest.KeyFingerprint}): encrypted fields could not be read and the audit chain could not be verified. Configure the original " +
                "Platform__Crypto__* keys (or the backed-up key file) and run the restore again. Nothing was changed.");
        if (!manifest.MacValid(keys)) throw new BackupException("manifest.json does not match its seal: the manifest was altered. Nothing was changed.");

        var dbFile = Path.Combine(from, manifest.Database.Path);
        if (!File.Exists(dbFile)) throw new BackupException($"{dbFile} is missing. Nothing was changed.");
        if (await BackupService.HashFileAsync(dbFile, ct) != manifest.Database.Sha256)
            throw new BackupException($"{manifest.Database.Path} does not match the SHA-256 in the manifest: the dump is damaged or altered. Nothing was changed.");
        if (manifest.Files.Any(f => f.Path.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(f.Path)))
            throw new BackupException("The manifest names a file outside the file root. Nothing was changed.");

        var dbEmpty = target.Provider == DatabaseProvider.Sqlite
            ? await DatabaseDump.SqliteIsEmptyAsync(target.ConnectionString, ct)
            : await DatabaseDump.PostgresIsEmptyAsync(target.ConnectionString, ct);
        var filesEmpty = !Directory.Exists(target.FilesRoot) || !Directory.EnumerateFileSystemEntries(target.FilesRoot).Any();
        if (!force && (!dbEmpty || !filesEmpty))
            throw new BackupException($"The target is not empty ({(dbEmpty ? "" : "the database has tables")}{(!dbEmpty && !filesEmpty ? ", " : "")}" +
                $"{(filesEmpty ? "" : $"the file root {target.FilesRoot} has files")}). Restore into an empty database and file root, or pass --force " +
                "to overwrite (take a backup of the target first). Nothing was changed.");

        if (target.Provider == DatabaseProvider.Sqlite) await DatabaseDump.RestoreSqliteAsync(dbFile, target.ConnectionString, ct);
        else await DatabaseDump.RestorePostgresAsync(dbFile, target.ConnectionString, clean: !dbEmpty, options.PgBinDir, ct);

        Directory.CreateDirectory(target.FilesRoot);
        foreach (var file in manifest.Files)
        {
            var source = Path.Combine(from, BackupManifest.FilesFolder, file.Path);
            if (File.Exists(source)) await BackupService.CopyAndHashAsync(source, Path.Combine(target.FilesRoot, file.Path), ct);
        }
        return await VerifyAsync(from, manifest, target, keys, ct);
    }

    /// <summary>Checks a restored (or live) database and file root against a backup manifest.</summary>
    public static async Task<RestoreReport> VerifyAsync(string from, BackupManifest manifest, DataLocation target, KeyRing keys, CancellationToken ct)
    {
        var checks = new List<RestoreCheck>();

        var badFiles = new List<string>();
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(target.FilesRoot, file.Path);
            if (!File.Exists(path)) badFiles.Add($"{file.Path} missing");
            else if (await BackupService.HashFileAsync(path, ct) != file.Sha256) badFiles.Add($"{file.Path} SHA-256 differs");
        }
        checks.Add(new("files", badFiles.Count == 0, badFiles.Count == 0
            ? $"{manifest.Files.Count} file(s), SHA-256 equal to the manifest"
            : $"{badFiles.Count} of {manifest.Files.Count} file(s) wrong: {string.Join("; ", badFiles.Take(10))}"));

        var snapshot = target.Provider == DatabaseProvider.Sqlite
            ? await DatabaseDump.ReadSqliteAsync(target.ConnectionString, ct)
            : await DatabaseDump.ReadPostgresAsync(target.ConnectionString, ct);
        var badTables = manifest.Tables.Keys.Union(snapshot.Tables.Keys).Order(StringComparer.Ordinal)
            .Select(t => (Table: t, Expected: manifest.Tables.GetValueOrDefault(t, -1), Actual: snapshot.Tables.GetValueOrDefault(t, -1)))
            .Where(x => x.Expected != x.Actual)
            .Select(x => $"{x.Table}: expected {Count(x.Expected)}, found {Count(x.Actual)}").ToList();
        checks.Add(new("row counts", badTables.Count == 0, badTables.Count == 0
            ? $"{manifest.Tables.Count} table(s), {manifest.Tables.Values.Sum()} row(s), equal to the manifest"
            : string.Join("; ", badTables)));

        checks.Add(new("audit head", snapshot.AuditHead == manifest.AuditHead,
            $"expected {Head(manifest.AuditHead)}, found {Head(snapshot.AuditHead)}"));

        await using var db = OpenContext(target, keys);
        var chain = await new AuditVerifier(db, new AuditChain(keys)).VerifyAsync(ct);
        checks.Add(new("audit chain", chain.Intact, chain.Intact
            ? $"intact, {chain.EntriesChecked} entries verified with the configured key"
            : $"{chain.Problem} at sequence {chain.AtSequence}: {chain.Message}"));

        return new RestoreReport(from, checks);
    }

    private static string Count(long n) => n < 0 ? "no table" : $"{n} row(s)";
    private static string Head(AuditHead? h) => h is null ? "no entries" : $"#{h.Sequence} {h.Hash[..Math.Min(16, h.Hash.Length)]}…";

    private static AppDbContext OpenContext(DataLocation target, KeyRing keys) => target.Provider == DatabaseProvider.Sqlite
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(target.ConnectionString).UseAuditChain(new AuditChain(keys)).Options)
        : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(target.ConnectionString).UseAuditChain(new AuditChain(keys)).Options);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Platform.Backup;

/// <summary>
/// The <c>backup</c> and <c>restore</c> verbs (see docs/OPERATIONS.md):
/// <c>backup --out DIR [--include-keys]</c> and <c>restore --from DIR/traineval-backup-… [--force]</c>.
/// Locations come from the app's own configuration (ConnectionStrings__Default, Platform__Database__Provider,
/// Platform__Files__Root, Platform__Crypto__*), so the commands act on what the app would use.
/// </summary>
public static class BackupCommands
{
    public const string Backup = "backup", Restore = "restore";

    public static bool IsCommand(string[] args) => args.FirstOrDefault() is Backup or Restore;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        try
        {
            return args[0] == Backup ? await BackupAsync(services, args) : await RestoreAsync(services, args);
        }
        catch (BackupException e)
        {
            await Console.Error.WriteLineAsync("ERROR: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string[] args)
    {
        var outDir = Value(args, "--out") ?? throw new BackupException("Usage: backup --out DIR [--include-keys]");
        var service = new BackupService(services.GetRequiredService<TimeProvider>(), Options(services));
        var (directory, manifest) = await service.BackupAsync(Location(services), services.GetRequiredService<KeyRing>(), outDir,
            args.Contains("--include-keys") ? Keys(services) : null, CancellationToken.None);
        Console.WriteLine($"Backup written to {directory}");
        Console.WriteLine($"  database: {manifest.Database.Path} ({manifest.Database.Length} bytes, {manifest.Tables.Count} tables, {manifest.Tables.Values.Sum()} rows)");
        Console.WriteLine($"  files: {manifest.Files.Count}; audit head: {(manifest.AuditHead is null ? "none" : $"#{manifest.AuditHead.Sequence}")}; key fingerprint {manifest.KeyFingerprint}");
        Console.WriteLine(manifest.KeysIncluded
            ? "  keys/ holds the key material: store this backup encrypted and apart from the database host."
            : "  Key material NOT included: keep the Platform__Crypto__* keys (or App_Data/keys) safe separately — a restore cannot decrypt or verify without them.");
        return 0;
    }

    private static async Task<int> RestoreAsync(IServiceProvider services, string[] args)
    {
        var from = Value(args, "--from") ?? throw new BackupException("Usage: restore --from DIR/traineval-backup-… [--force]");
        from = Path.GetFullPath(from);
        if (!File.Exists(Path.Combine(from, BackupManifest.FileName)))
        {
            // --from may name the folder holding the backups: take the newest.
            var newest = Directory.Exists(from)
                ? Directory.GetDirectories(from, "traineval-backup-*").Order(StringComparer.Ordinal).LastOrDefault()
                : null;
            from = newest ?? throw new BackupException($"{from} holds no {BackupManifest.FileName} and no traineval-backup-* folder.");
        }
        foreach (var restored in await RestoreService.RestoreKeyFilesAsync(from, Keys(services), CancellationToken.None))
            Console.WriteLine($"Key material restored to {restored}");
        var report = await new RestoreService(Options(services)).RestoreAsync(from, Location(services), services.GetRequiredService<KeyRing>(),
            args.Contains("--force"), CancellationToken.None);
        Console.WriteLine(report.Format());
        return report.Ok ? 0 : 2;
    }

    /// <summary>The configured database and file root, resolved like the app resolves them (relative paths under the content root).</summary>
    public static DataLocation Location(IServiceProvider services)
    {
        var provider = services.GetRequiredService<DatabaseOptions>().Provider;
        DbContextOptions options = provider == DatabaseProvider.Sqlite
            ? services.GetRequiredService<DbContextOptions<SqliteAppDbContext>>()
            : services.GetRequiredService<DbContextOptions<PostgresAppDbContext>>();
        var connectionString = RelationalOptionsExtension.Extract(options).ConnectionString
                               ?? throw new BackupException("No connection string configured (ConnectionStrings__Default).");
        var files = services.GetRequiredService<FileStoreOptions>().Root;
        var env = services.GetRequiredService<IHostEnvironment>();
        return new DataLocation(provider, connectionString, Path.IsPathRooted(files) ? files : Path.Combine(env.ContentRootPath, files));
    }

    public static KeyLocation Keys(IServiceProvider services)
    {
        var env = services.GetRequiredService<IHostEnvironment>();
        var config = services.GetRequiredService<IConfiguration>();
        var crypto = services.GetRequiredService<IOptions<CryptoOptions>>().Value;
        var fieldKeys = crypto.Keys.Count == 0 && !string.IsNullOrEmpty(crypto.DevelopmentKeyFile) ? Path.Combine(env.ContentRootPath, crypto.DevelopmentKeyFile) : null;
        return new KeyLocation(fieldKeys, Path.Combine(env.ContentRootPath, config["Platform:DataProtection:KeysPath"] ?? "App_Data/keys/dataprotection"));
    }

    private static BackupOptions Options(IServiceProvider services)
        => services.GetRequiredService<IConfiguration>().GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

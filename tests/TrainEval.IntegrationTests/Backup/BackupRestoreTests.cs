using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Platform.Backup;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.IntegrationTests.Backup;

/// <summary>
/// SEC-03 restore drill on whichever provider the run uses (SQLite by default, PostgreSQL under TRAINEVAL_TEST_PG — test.sh
/// runs both): back up an app with history, restore into a fresh database and file root, verify. Learner seq 1150–1199.
/// </summary>
public sealed class BackupRestoreTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>, IDisposable
{
    private readonly TestApp app = fixture.App;
    private readonly List<string> pgDatabases = [];
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "traineval-backup-tests", Guid.NewGuid().ToString("N"));

    private static readonly SemaphoreSlim History = new(1, 1);
    private static bool hasHistory;

    private async Task EnsureHistoryAsync()
    {
        await History.WaitAsync();
        try
        {
            if (hasHistory) return;
            await LearningFlow.ActivatedLearnerAsync(app, "115"); // 3 digits (an ID-number sequence); this class has its own app
            hasHistory = true;
        }
        finally { History.Release(); }
    }

    private KeyRing Keys => app.Services.GetRequiredService<KeyRing>();

    private async Task<(string Directory, BackupManifest Manifest)> BackupAsync()
    {
        await EnsureHistoryAsync();
        using var scope = app.Services.CreateScope();
        var service = new BackupService(app.Clock, new BackupOptions());
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // one backup folder per second
        return await service.BackupAsync(BackupCommands.Location(scope.ServiceProvider), Keys, Path.Combine(scratch, "out"), null, CancellationToken.None);
    }

    private DataLocation FreshTarget()
    {
        var root = Path.Combine(scratch, "target-" + Guid.NewGuid().ToString("N")[..8]);
        if (!TestApp.IsPostgres) return new DataLocation(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(root, "restored.db")}", Path.Combine(root, "files"));
        var name = "te_restore_" + Guid.NewGuid().ToString("N")[..12];
        pgDatabases.Add(name);
        return new DataLocation(DatabaseProvider.Postgres, $"{TestApp.PostgresServer};Database={name}", Path.Combine(root, "files"));
    }

    private async Task<int> ExecAsync(DataLocation target, string sql)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await using var conn = new SqliteConnection(target.ConnectionString + ";Pooling=False");
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            return await cmd.ExecuteNonQueryAsync();
        }
        await using var pg = new NpgsqlConnection(target.ConnectionString);
        await pg.OpenAsync();
        await using var pgCmd = new NpgsqlCommand(sql, pg);
        return await pgCmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task SEC_03_backup_restore_into_a_fresh_database_keeps_rows_files_and_audit_chain()
    {
        var (dir, manifest) = await BackupAsync();
        Assert.True(manifest.Files.Count >= 3, "the enrollment materials are in the backup");
        Assert.NotNull(manifest.AuditHead);
        Assert.True(manifest.Tables["platform_audit_entries"] >= manifest.AuditHead!.Sequence);
        Assert.True(manifest.Tables["accounts_users"] > 5);
        Assert.True(manifest.MacValid(Keys));

        var target = FreshTarget();
        var report = await new RestoreService(new BackupOptions()).RestoreAsync(dir, target, Keys, force: false, CancellationToken.None);
        Assert.True(report.Ok, report.Format());
        Assert.Equal(["files", "row counts", "audit head", "audit chain"], report.Checks.Select(c => c.Name));

        // A second restore into the now non-empty target is refused, and changes nothing.
        var refused = await Assert.ThrowsAsync<BackupException>(() =>
            new RestoreService(new BackupOptions()).RestoreAsync(dir, target, Keys, force: false, CancellationToken.None));
        Assert.Contains("not empty", refused.Message);
        Assert.True((await RestoreService.VerifyAsync(dir, manifest, target, Keys, CancellationToken.None)).Ok);

        // --force restores over it (and verifies again).
        var forced = await new RestoreService(new BackupOptions()).RestoreAsync(dir, target, Keys, force: true, CancellationToken.None);
        Assert.True(forced.Ok, forced.Format());
    }

    [Fact]
    public async Task SEC_03_a_changed_byte_in_a_backed_up_file_fails_the_restore_verification()
    {
        var (dir, manifest) = await BackupAsync();
        var victim = Path.Combine(dir, BackupManifest.FilesFolder, manifest.Files[0].Path);
        var bytes = await File.ReadAllBytesAsync(victim);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(victim, bytes);

        var report = await new RestoreService(new BackupOptions()).RestoreAsync(dir, FreshTarget(), Keys, force: false, CancellationToken.None);
        Assert.False(report.Ok);
        var files = report.Checks.Single(c => c.Name == "files");
        Assert.False(files.Ok);
        Assert.Contains(manifest.Files[0].Path, files.Detail);
        Assert.Contains("RESTORE NOT VERIFIED", report.Format());
    }

    [Fact]
    public async Task SEC_03_a_deleted_audit_row_fails_the_restore_verification()
    {
        var (dir, manifest) = await BackupAsync();
        var target = FreshTarget();
        Assert.True((await new RestoreService(new BackupOptions()).RestoreAsync(dir, target, Keys, force: false, CancellationToken.None)).Ok);

        Assert.Equal(1, await ExecAsync(target, "DELETE FROM platform_audit_entries WHERE \"Sequence\" = 3"));
        var report = await RestoreService.VerifyAsync(dir, manifest, target, Keys, CancellationToken.None);
        Assert.False(report.Ok);
        Assert.False(report.Checks.Single(c => c.Name == "row counts").Ok);
        var chain = report.Checks.Single(c => c.Name == "audit chain");
        Assert.False(chain.Ok);
        Assert.Contains("Deleted", chain.Detail);
    }

    [Fact]
    public async Task SEC_03_an_altered_dump_or_manifest_or_other_keys_are_refused_before_anything_changes()
    {
        var (dir, manifest) = await BackupAsync();
        var restore = new RestoreService(new BackupOptions());

        var otherKeys = KeyRing.Random();
        Assert.Contains("key ring", (await Assert.ThrowsAsync<BackupException>(() =>
            restore.RestoreAsync(dir, FreshTarget(), otherKeys, false, CancellationToken.None))).Message);

        // Editing the manifest's row counts to match a tampered dump breaks its seal.
        var manifestPath = Path.Combine(dir, BackupManifest.FileName);
        var text = await File.ReadAllTextAsync(manifestPath);
        await File.WriteAllTextAsync(manifestPath, text.Replace($"\"accounts_users\": {manifest.Tables["accounts_users"]}", "\"accounts_users\": 1"));
        Assert.Contains("seal", (await Assert.ThrowsAsync<BackupException>(() =>
            restore.RestoreAsync(dir, FreshTarget(), Keys, false, CancellationToken.None))).Message);
        await File.WriteAllTextAsync(manifestPath, text);

        var dump = Path.Combine(dir, manifest.Database.Path);
        await File.AppendAllTextAsync(dump, "x");
        var target = FreshTarget();
        Assert.Contains("SHA-256", (await Assert.ThrowsAsync<BackupException>(() =>
            restore.RestoreAsync(dir, target, Keys, false, CancellationToken.None))).Message);
        Assert.False(Directory.Exists(target.FilesRoot));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        foreach (var name in pgDatabases)
        {
            try
            {
                using var conn = new NpgsqlConnection(TestApp.PostgresServer + ";Database=postgres");
                conn.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn);
                cmd.ExecuteNonQuery();
            }
            catch (NpgsqlException) { /* the cluster is removed by test.sh anyway */ }
        }
        try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
    }
}

using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TrainEval.Web.Platform.Backup;

/// <summary>Row counts per table, the audit chain head and the newest migration, all read from one snapshot.</summary>
public sealed record DatabaseSnapshot(SortedDictionary<string, long> Tables, AuditHead? AuditHead, string LastMigration);

/// <summary>
/// The provider-specific half of backup and restore. SQLite: the online backup API (a consistent copy while the app
/// keeps writing). PostgreSQL: <c>pg_dump --format=custom</c> on a snapshot exported from a REPEATABLE READ transaction,
/// so the row counts and audit head in the manifest describe exactly the dumped data; <c>pg_restore</c> into an empty
/// database.
/// </summary>
public static class DatabaseDump
{
    private const string SqliteTables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
    private const string PostgresTables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";

    // ---- SQLite -------------------------------------------------------------------------------------------------

    public static async Task<DatabaseSnapshot> BackupSqliteAsync(string sourceConnectionString, string targetFile, CancellationToken ct)
    {
        await using (var source = new SqliteConnection(sourceConnectionString))
        await using (var target = new SqliteConnection(SqliteFile(targetFile)))
        {
            await source.OpenAsync(ct);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
        }
        await using var copy = new SqliteConnection(SqliteFile(targetFile));
        await copy.OpenAsync(ct);
        await ExecAsync(copy, "PRAGMA journal_mode=DELETE", null, ct); // one self-contained file
        return await ReadSnapshotAsync(copy, SqliteTables, null, ct);
    }

    public static async Task<bool> SqliteIsEmptyAsync(string connectionString, CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(file)) return true;
        await using var conn = new SqliteConnection(SqliteFile(file));
        await conn.OpenAsync(ct);
        return (await ListTablesAsync(conn, SqliteTables, null, ct)).Count == 0;
    }

    public static async Task RestoreSqliteAsync(string backupFile, string targetConnectionString, CancellationToken ct)
    {
        var file = new SqliteConnectionStringBuilder(targetConnectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (dir is not null) Directory.CreateDirectory(dir);
        SqliteConnection.ClearAllPools();
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var target = new SqliteConnection(SqliteFile(file)))
        {
            await source.OpenAsync(ct);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
        }
        SqliteConnection.ClearAllPools();
    }

    public static async Task<DatabaseSnapshot> ReadSqliteAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new SqliteConnection(SqliteFile(new SqliteConnectionStringBuilder(connectionString).DataSource));
        await conn.OpenAsync(ct);
        return await ReadSnapshotAsync(conn, SqliteTables, null, ct);
    }

    private static string SqliteFile(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    // ---- PostgreSQL ---------------------------------------------------------------------------------------------

    public static async Task<DatabaseSnapshot> BackupPostgresAsync(string connectionString, string targetFile, string? binDir, CancellationToken ct)
    {
        var pgDump = FindBinary("pg_dump", binDir);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var snapshotId = (string)(await ScalarAsync(conn, "SELECT pg_export_snapshot()", tx, ct))!;
        var snapshot = await ReadSnapshotAsync(conn, PostgresTables, tx, ct);
        await RunAsync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshotId}", $"--file={targetFile}"],
            connectionString, ct);
        await tx.CommitAsync(ct);
        return snapshot;
    }

    /// <summary>Creates the target database when it does not exist; true when it has no tables.</summary>
    public static async Task<bool> PostgresIsEmptyAsync(string connectionString, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var database = csb.Database ?? throw new BackupException("The PostgreSQL connection string names no Database.");
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString()))
        {
            await admin.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
            exists.Parameters.AddWithValue("n", database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", admin);
                await create.ExecuteNonQueryAsync(ct);
                return true;
            }
        }
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return (await ListTablesAsync(conn, PostgresTables, null, ct)).Count == 0;
    }

    public static async Task RestorePostgresAsync(string dumpFile, string connectionString, bool clean, string? binDir, CancellationToken ct)
    {
        var pgRestore = FindBinary("pg_restore", binDir);
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        List<string> args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={database}"];
        if (clean) args.AddRange(["--clean", "--if-exists"]);
        args.Add(dumpFile);
        NpgsqlConnection.ClearAllPools();
        await RunAsync(pgRestore, args, connectionString, ct);
    }

    public static async Task<DatabaseSnapshot> ReadPostgresAsync(string connectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        return await ReadSnapshotAsync(conn, PostgresTables, null, ct);
    }

    /// <summary>pg_dump / pg_restore from Platform:Backup:PgBinDir, the PATH, or the newest /usr/lib/postgresql/*/bin.</summary>
    public static string FindBinary(string name, string? binDir)
    {
        IEnumerable<string> candidates = string.IsNullOrEmpty(binDir) ? [] : [Path.Combine(binDir, name)];
        candidates = candidates.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)));
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates = candidates.Concat(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin", name)));
        return candidates.FirstOrDefault(File.Exists) ?? throw new BackupException(
            $"{name} was not found (PATH, /usr/lib/postgresql/*/bin). Install the PostgreSQL client programs — Debian/Ubuntu package " +
            $"'postgresql-client' (apt-get install postgresql-client), of a version at least the server's — or set Platform__Backup__PgBinDir.");
    }

    /// <summary>Runs a libpq program with the connection passed in PG* environment variables (never a password on the command line).</summary>
    private static async Task RunAsync(string program, IEnumerable<string> args, string connectionString, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (csb.Host is not null) psi.Environment["PGHOST"] = csb.Host;
        psi.Environment["PGPORT"] = csb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (csb.Username is not null) psi.Environment["PGUSER"] = csb.Username;
        if (csb.Password is not null) psi.Environment["PGPASSWORD"] = csb.Password;
        if (csb.Database is not null) psi.Environment["PGDATABASE"] = csb.Database;
        if (csb.SslMode is not Npgsql.SslMode.Prefer)
            psi.Environment["PGSSLMODE"] = csb.SslMode switch
            {
                Npgsql.SslMode.VerifyCA => "verify-ca", Npgsql.SslMode.VerifyFull => "verify-full", var m => m.ToString().ToLowerInvariant(),
            };
        using var process = Process.Start(psi) ?? throw new BackupException($"Could not start {program}.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
    }

    // ---- both ---------------------------------------------------------------------------------------------------

    private static async Task<DatabaseSnapshot> ReadSnapshotAsync(DbConnection conn, string listTables, DbTransaction? tx, CancellationToken ct)
    {
        var tables = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await ListTablesAsync(conn, listTables, tx, ct))
            tables[table] = Convert.ToInt64(await ScalarAsync(conn, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"")}\"", tx, ct),
                System.Globalization.CultureInfo.InvariantCulture);
        AuditHead? head = null;
        string lastMigration = "";
        if (tables.ContainsKey("platform_audit_entries"))
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT \"Sequence\", \"Hash\" FROM platform_audit_entries WHERE \"Sequence\" > 0 ORDER BY \"Sequence\" DESC LIMIT 1";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) head = new AuditHead(reader.GetInt64(0), reader.GetString(1));
        }
        if (tables.ContainsKey("__ef_migrations"))
            lastMigration = (await ScalarAsync(conn, "SELECT MAX(\"MigrationId\") FROM \"__ef_migrations\"", tx, ct)) as string ?? "";
        return new DatabaseSnapshot(tables, head, lastMigration);
    }

    private static async Task<List<string>> ListTablesAsync(DbConnection conn, string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<object?> ScalarAsync(DbConnection conn, string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task ExecAsync(DbConnection conn, string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Web.Platform.Data;

public static class DataServices
{
    /// <summary>
    /// Registers both provider contexts lazily and resolves <see cref="AppDbContext"/> to the configured one, so the
    /// provider and connection string are read when first used (tests and hosts may add configuration late). The options
    /// are built once per host: built per scope, parsing the connection string and looking up EF's internal services cost
    /// about 8 % of the app's CPU on the autosave path. Contexts are pooled: a new context builds EF's scoped services
    /// (query translators, connection, state manager), which perf put at about 15 % of the app's CPU on the autosave path
    /// where a save's batch, an expired login-gate entry or a save-cache refresh each need one (docs/BENCHMARKS.md). A
    /// pooled context is reset by EF when its scope ends; the interceptors and the audit chain are singletons.
    /// </summary>
    public static void AddPlatformData(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        services.AddDbContextPool<SqliteAppDbContext>((sp, o) => o
            .UseSqlite(SqliteConnectionString(sp), s => s.MigrationsHistoryTable("__ef_migrations"))
            .AddInterceptors([new SqlitePragmas(), .. sp.GetServices<ISaveChangesInterceptor>()])
            .UseAuditChain(sp.GetRequiredService<AuditChain>()));
        services.AddDbContextPool<PostgresAppDbContext>((sp, o) => o
            .UseNpgsql(PostgresConnectionString(ConnectionString(sp) ?? throw new InvalidOperationException(
                "ConnectionStrings:Default is required for PostgreSQL (env ConnectionStrings__Default).")), s => s.MigrationsHistoryTable("__ef_migrations"))
            .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>())
            .UseAuditChain(sp.GetRequiredService<AuditChain>()));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite
            ? sp.GetRequiredService<SqliteAppDbContext>()
            : sp.GetRequiredService<PostgresAppDbContext>());
    }

    private static string? ConnectionString(IServiceProvider sp) => sp.GetRequiredService<IConfiguration>().GetConnectionString("Default");

    /// <summary>
    /// Defaults for the app's PostgreSQL connections, unless the connection string sets them:
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare=128</c> — the app runs a small set of statements very often (gates, saves, heartbeats);
    /// a prepared statement skips PostgreSQL's parse and plan on every call.</item>
    /// <item><c>No Reset On Close=true</c> — EF opens and closes a pooled connection around each query, and Npgsql would
    /// otherwise reset the session (several statements) at every reuse. The app changes no session state: no SET, no
    /// temporary tables, advisory locks only at transaction level.</item>
    /// <item><c>Connection Idle Lifetime=3600</c> — a pool that grew for a burst (a sitting's start wave) keeps its
    /// connections through the sitting. With Npgsql's default of 300 s it closed the connections it no longer needed all at
    /// once, five minutes into the sitting: on the 2-core bench VM closing 26 backends together stalled the whole machine
    /// for about a second (run queue 122, 73 % system time) and gave autosave its p99 (docs/BENCHMARKS.md).</item>
    /// </list>
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        var given = configured.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)) csb.MaxAutoPrepare = 128;
        if (!given.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase)) csb.NoResetOnClose = true;
        if (!given.Contains("ConnectionIdleLifetime", StringComparison.OrdinalIgnoreCase)) csb.ConnectionIdleLifetime = 3600;
        return csb.ConnectionString;
    }

    private static string SqliteConnectionString(IServiceProvider sp)
    {
        var csb = new SqliteConnectionStringBuilder(ConnectionString(sp) ?? "Data Source=App_Data/traineval.db");
        if (!Path.IsPathRooted(csb.DataSource) && csb.DataSource != ":memory:")
        {
            csb.DataSource = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }

    public static bool ShouldMigrateOnStart(this DatabaseOptions o) => o.MigrateOnStart ?? o.Provider == DatabaseProvider.Sqlite;

    /// <summary>WAL with full fsync: an acknowledged write survives power loss.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);
        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";
            cmd.ExecuteNonQuery();
        }
    }
}

/// <summary>Design-time factories for <c>dotnet ef migrations add</c> (one per provider).</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations")).Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design", s => s.MigrationsHistoryTable("__ef_migrations")).Options);
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Web.Platform.Data;

public static class DataServices
{
    public static void AddPlatformData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            connectionString ??= "Data Source=App_Data/traineval.db";
            var csb = new SqliteConnectionStringBuilder(connectionString);
            if (!Path.IsPathRooted(csb.DataSource) && csb.DataSource != ":memory:")
            {
                csb.DataSource = Path.Combine(builder.Environment.ContentRootPath, csb.DataSource);
                Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
            }
            var cs = csb.ToString();
            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o
                .UseSqlite(cs, s => s.MigrationsHistoryTable("__ef_migrations"))
                .AddInterceptors(new SqlitePragmas()));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("ConnectionStrings:Default is required for PostgreSQL (env ConnectionStrings__Default).");
            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o
                .UseNpgsql(connectionString, s => s.MigrationsHistoryTable("__ef_migrations")));
        }
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
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db", s => s.MigrationsHistoryTable("__ef_migrations")).Options,
        new AuditChain(KeyRing.Random()));
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design", s => s.MigrationsHistoryTable("__ef_migrations")).Options,
        new AuditChain(KeyRing.Random()));
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TrainEval.BrowserTests.Infrastructure;

/// <summary>
/// The whole application on a real Kestrel port (so a real browser can reach it), on a fresh temporary SQLite file:
/// real migrations, real demo seed, fresh keys, a fixed clock. Same settings as the integration tests' TestApp.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    public string Directory { get; }
    /// <summary>Configuration the app starts with; change entries before <see cref="Start"/>.</summary>
    public Dictionary<string, string?> Settings { get; }
    private readonly string? pgDatabase;
    /// <summary>When set (test.sh sets it for a second run), the browser journeys run against PostgreSQL.</summary>
    public static readonly string? PostgresServer = Environment.GetEnvironmentVariable("TRAINEVAL_TEST_PG");

    public BrowserApp()
    {
        Directory = Path.Combine(Path.GetTempPath(), "traineval-browser-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var connectionString = $"Data Source={Path.Combine(Directory, "traineval.db")}";
        if (!string.IsNullOrEmpty(PostgresServer))
        {
            pgDatabase = "te_browser_" + Guid.NewGuid().ToString("N")[..12];
            using var conn = new Npgsql.NpgsqlConnection(PostgresServer + ";Database=postgres");
            conn.Open();
            using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {pgDatabase}", conn);
            cmd.ExecuteNonQuery();
            connectionString = $"{PostgresServer};Database={pgDatabase}";
        }
        Settings = new()
        {
            ["Platform:Database:Provider"] = pgDatabase is null ? "Sqlite" : "Postgres",
            ["Platform:Database:MigrateOnStart"] = "true",
            ["ConnectionStrings:Default"] = connectionString,
            ["Platform:Jobs:Enabled"] = "false",
            ["Platform:Files:Root"] = Path.Combine(Directory, "files"),
            ["Platform:DataProtection:KeysPath"] = Path.Combine(Directory, "dp-keys"),
            ["Platform:Crypto:ActiveKeyId"] = "k1",
            ["Platform:Crypto:Keys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Platform:Crypto:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Platform:Crypto:AuditChainKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Platform:Crypto:DevelopmentKeyFile"] = "",
            ["Modules:Demo:Seed"] = "true",
            ["Modules:Demo:PrintAccounts"] = "false",
            // Face checks see Chromium's fake camera fed from still photos: a blink can be painted on a photo, a head turn
            // cannot (TrainEval.FaceEngine README), so the random challenge is always the blink here.
            ["Verification:Challenges"] = "blink",
        };
        UseKestrel(0);
    }

    /// <summary>Starts Kestrel and returns its address, e.g. http://127.0.0.1:43121.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No http address: " + string.Join(", ", addresses));
        // Kestrel may report the wildcard or "localhost"; the browser should use the loopback IP (a secure context too).
        var uri = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        return uri;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (pgDatabase is not null)
        {
            try
            {
                using var conn = new Npgsql.NpgsqlConnection(PostgresServer + ";Database=postgres");
                conn.Open();
                using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)", conn);
                cmd.ExecuteNonQuery();
            }
            catch (Npgsql.NpgsqlException) { /* the cluster is removed by test.sh anyway */ }
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

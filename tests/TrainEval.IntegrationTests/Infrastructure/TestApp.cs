using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TrainEval.Web.Platform.Data;

namespace TrainEval.IntegrationTests.Infrastructure;

/// <summary>
/// The whole application in memory on a fresh database: a temporary SQLite file by default, or a fresh database in
/// the PostgreSQL cluster named by TRAINEVAL_TEST_PG (test.sh starts a throwaway cluster). Real migrations, real
/// demo seed, fresh keys, a fake clock.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    public static readonly string? PostgresServer = Environment.GetEnvironmentVariable("TRAINEVAL_TEST_PG");
    public static bool IsPostgres => !string.IsNullOrEmpty(PostgresServer);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    public string Directory { get; }
    public string ConnectionString { get; }
    public string? SqliteFile { get; }
    public Dictionary<string, string?> Settings { get; }
    private readonly string? pgDatabase;
    private readonly Action<IServiceCollection>? services;

    /// <param name="services">Extra test services (e.g. test doubles for hooks another module implements).</param>
    public TestApp(bool seed = true, Action<IServiceCollection>? services = null)
    {
        this.services = services;
        Directory = Path.Combine(Path.GetTempPath(), "traineval-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        if (IsPostgres)
        {
            pgDatabase = "te_" + Guid.NewGuid().ToString("N")[..16];
            using (var conn = new NpgsqlConnection(PostgresServer + ";Database=postgres"))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {pgDatabase}", conn);
                cmd.ExecuteNonQuery();
            }
            ConnectionString = $"{PostgresServer};Database={pgDatabase}";
        }
        else
        {
            SqliteFile = Path.Combine(Directory, "traineval.db");
            ConnectionString = $"Data Source={SqliteFile}";
        }
        Settings = new()
        {
            ["Platform:Database:Provider"] = IsPostgres ? "Postgres" : "Sqlite",
            ["Platform:Database:MigrateOnStart"] = "true",
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Platform:Jobs:Enabled"] = "false",
            ["Platform:Files:Root"] = Path.Combine(Directory, "files"),
            ["Platform:DataProtection:KeysPath"] = Path.Combine(Directory, "dp-keys"),
            ["Platform:Crypto:ActiveKeyId"] = "k1",
            ["Platform:Crypto:Keys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Platform:Crypto:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Platform:Crypto:AuditChainKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Platform:Crypto:DevelopmentKeyFile"] = "",
            ["Modules:Demo:Seed"] = seed ? "true" : "false",
            ["Modules:Demo:PrintAccounts"] = "false",
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(s);
        });
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests assert them).</summary>
    public HttpClient Browser()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.UserAgent.ParseAdd("TrainEvalTests/1.0 (integration)");
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public T Service<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (pgDatabase is not null)
        {
            try
            {
                using var conn = new NpgsqlConnection(PostgresServer + ";Database=postgres");
                conn.Open();
                using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {pgDatabase} WITH (FORCE)", conn);
                cmd.ExecuteNonQuery();
            }
            catch (NpgsqlException) { /* the cluster is removed by test.sh anyway */ }
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

public static partial class Forms
{
    public static string Token(string html)
    {
        var m = TokenRegex().Match(html);
        if (!m.Success) throw new InvalidOperationException("No antiforgery token in page.");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }

    /// <summary>GET the page, then POST the fields with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? handler = null)
    {
        var page = await client.GetStringAsync(url);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Token(page) };
        var target = handler is null ? url : url + (url.Contains('?') ? "&" : "?") + "handler=" + handler;
        return await client.PostAsync(target, new FormUrlEncodedContent(all));
    }

    public static async Task<HttpResponseMessage> LoginAsync(this HttpClient client, string identifier, string password = "Demo2026!")
        => await client.PostFormAsync("/Accounts/Login", new Dictionary<string, string> { ["Identifier"] = identifier, ["Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}

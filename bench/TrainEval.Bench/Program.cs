using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

// Benchmarks that print their figures (docs/BENCHMARKS.md). Usage:
//   dotnet run -c Release --project bench/TrainEval.Bench -- audit [entries]     (SQLite temp file; PostgreSQL too when TRAINEVAL_BENCH_PG is set)
//   dotnet run -c Release --project bench/TrainEval.Bench -- crypto [operations]
//   dotnet run -c Release --project bench/TrainEval.Bench -- heartbeats [--learners 20000 --interval 30 --duration 120 ...]
//   dotnet run -c Release --project bench/TrainEval.Bench -- exams [--phases p2,p3,s1,p5 --candidates 5000 --rate 2000 --duration 600 ...]
//       (needs TRAINEVAL_BENCH_PG; bench/heartbeats.sh and bench/exams.sh starts a throwaway PostgreSQL cluster and runs it — docs/BENCHMARKS.md)
var verb = args.FirstOrDefault() ?? "all";
var n = args.Length > 1 && int.TryParse(args[1], out var parsed) ? parsed : 0;
Console.WriteLine($"TrainEval bench · {Environment.ProcessorCount} cores · {System.Runtime.InteropServices.RuntimeInformation.OSDescription} · .NET {Environment.Version}");
if (verb == "heartbeats") return await TrainEval.Bench.Heartbeats.HeartbeatBench.RunAsync(args[1..]);
if (verb == "exams") return await TrainEval.Bench.Exams.ExamBench.RunAsync(args[1..]);
if (verb is "audit" or "all") await AuditBench.RunAsync(n > 0 ? n : 2000);
if (verb is "crypto" or "all") CryptoBench.Run(n > 0 ? n : 200_000);
return 0;

static class AuditBench
{
    public static async Task RunAsync(int entries)
    {
        var keys = KeyRing.Random();
        var dir = Path.Combine(Path.GetTempPath(), "traineval-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var pragmas = new Pragmas();
            var sqlite = $"Data Source={Path.Combine(dir, "bench.db")}";
            await MeasureAsync("SQLite (WAL, synchronous=FULL)", i => new SqliteAppDbContext(
                new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(sqlite).AddInterceptors([pragmas, .. i]).UseAuditChain(new AuditChain(keys)).Options), entries, keys);
            var pg = Environment.GetEnvironmentVariable("TRAINEVAL_BENCH_PG");
            if (!string.IsNullOrEmpty(pg))
            {
                var database = "te_bench_" + Guid.NewGuid().ToString("N")[..8];
                var cs = DataServices.PostgresConnectionString($"{pg};Database={database}");
                await MeasureAsync("PostgreSQL", i => new PostgresAppDbContext(
                    new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).AddInterceptors(i).UseAuditChain(new AuditChain(keys)).Options), entries, keys);
                await using var admin = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).Options);
                Npgsql.NpgsqlConnection.ClearAllPools();
                await admin.Database.EnsureDeletedAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The app's wiring of the audit chain: contexts carry the seal interceptor; the sealer makes its own contexts.</summary>
    private static (ServiceProvider Services, Func<AppDbContext> Create) Wire(Func<IInterceptor[], AppDbContext> make, KeyRing keys)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new AuditChain(keys));
        services.AddSingleton<AuditSealer>();
        services.AddSingleton<AuditSealInterceptor>();
        services.AddScoped<AppDbContext>(p => make([p.GetRequiredService<AuditSealInterceptor>()]));
        var sp = services.BuildServiceProvider();
        var interceptor = sp.GetRequiredService<AuditSealInterceptor>();
        return (sp, () => make([interceptor]));
    }

    private static async Task MeasureAsync(string name, Func<IInterceptor[], AppDbContext> make, int entries, KeyRing keys)
    {
        // Each append is written in its transaction and sealed into the chain right after its commit (ADR 0003), as in the app.
        var (services, create) = Wire(make, keys);
        await using var _ = services;
        await using (var db = create()) await db.Database.MigrateAsync();
        var clock = TimeProvider.System;
        var latencies = new double[entries];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < entries; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var db = create();   // one request = one context = one transaction, as in a handler
            db.Set<AuditEntry>().Add(AuditEntry.Create(clock.GetUtcNow().UtcDateTime, Guid.NewGuid(), "bench", "learner", null,
                "bench.append", "user", i.ToString(), "127.0.0.1", "{\"i\":" + i + "}"));
            await db.SaveChangesAsync();
            latencies[i] = sw.Elapsed.TotalMilliseconds;
        }
        total.Stop();
        Array.Sort(latencies);
        Console.WriteLine($"[audit] {name}: {entries} sequential appends (one transaction each) in {total.Elapsed.TotalSeconds:F2} s = {entries / total.Elapsed.TotalSeconds:F0}/s; " +
                          $"p50 {latencies[entries / 2]:F2} ms, p99 {latencies[(int)(entries * 0.99)]:F2} ms");

        const int parallel = 8;
        var per = entries / parallel;
        var concurrent = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async w =>
        {
            for (var i = 0; i < per; i++)
            {
                await using var db = create();
                db.Set<AuditEntry>().Add(AuditEntry.Create(clock.GetUtcNow().UtcDateTime, null, "bench", "", null, "bench.concurrent", "w", w.ToString(), "", ""));
                await db.SaveChangesAsync();
            }
        }));
        concurrent.Stop();
        Console.WriteLine($"[audit] {name}: {per * parallel} appends from {parallel} concurrent writers in {concurrent.Elapsed.TotalSeconds:F2} s = {per * parallel / concurrent.Elapsed.TotalSeconds:F0}/s");

        await using (var db = create())
        {
            var verify = Stopwatch.StartNew();
            var result = await new AuditVerifier(db, new AuditChain(keys), services.GetRequiredService<AuditSealer>()).VerifyAsync();
            verify.Stop();
            if (!result.Intact) throw new InvalidOperationException("Chain broken in benchmark: " + result.Message);
            Console.WriteLine($"[audit] {name}: verified {result.EntriesChecked} entries in {verify.Elapsed.TotalMilliseconds:F0} ms = {result.EntriesChecked / verify.Elapsed.TotalSeconds:F0}/s");
        }
    }

    private sealed class Pragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
            cmd.ExecuteNonQuery();
        }

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }
}

static class CryptoBench
{
    public static void Run(int operations)
    {
        var keys = KeyRing.Random();
        var protector = new FieldProtector(keys);
        var index = new BlindIndex(keys);
        var id = "440106199003071236";
        var cipher = protector.Encrypt(id, "user.id_number");
        Time("encrypt ID number (AES-256-GCM)", operations, () => protector.Encrypt(id, "user.id_number"));
        Time("decrypt ID number", operations, () => protector.Decrypt(cipher, "user.id_number"));
        Time("blind index (HMAC-SHA256)", operations, () => index.Compute("user.id_number", id));
    }

    private static void Time(string name, int n, Action action)
    {
        for (var i = 0; i < 1000; i++) action();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) action();
        sw.Stop();
        Console.WriteLine($"[crypto] {name}: {n / sw.Elapsed.TotalSeconds:F0}/s ({sw.Elapsed.TotalMilliseconds * 1000 / n:F2} µs each)");
    }
}

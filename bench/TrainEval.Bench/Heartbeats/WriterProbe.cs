using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Crypto;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Bench.Heartbeats;

/// <summary>
/// The app's <see cref="LedgerWriter"/> alone, hosted in this process on the same database, fed heartbeats directly
/// (no HTTP, no token, no login-session lookup) with a fixed number in flight: the writer's own ceiling, to compare with
/// what the whole request path reaches.
/// </summary>
internal static class WriterProbe
{
    public static async Task<WriterResult> RunAsync(string connectionString, KeyRing keys, IReadOnlyList<BenchLearner> learners, int rounds, int inFlight)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        var chain = new AuditChain(keys);
        services.AddSingleton(chain);
        services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(connectionString, s => s.MigrationsHistoryTable("__ef_migrations")).UseAuditChain(chain));
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        services.AddSingleton<LedgerWriter>();
        await using var provider = services.BuildServiceProvider();
        var writer = provider.GetRequiredService<LedgerWriter>();
        await writer.StartAsync(CancellationToken.None);

        var start = Stopwatch.GetTimestamp();
        var startUtc = TimeProvider.System.GetUtcNow().UtcDateTime;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gate = new SemaphoreSlim(inFlight);
        var tasks = new List<Task<PlayerFeedback>>(learners.Count * rounds);
        var sequence = new long[learners.Count];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < learners.Count; i++)
            {
                await gate.WaitAsync();
                var l = learners[i];
                var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;   // the playhead advances with wall-clock time
                var task = writer.SubmitAsync(new LedgerCommand
                {
                    Kind = LedgerCommandKind.Heartbeat, LearnerId = l.LearnerId, PlayerSessionId = l.SessionId, Ip = "127.0.0.1",
                    Heartbeat = new HeartbeatInput(++sequence[i], startUtc.AddSeconds(elapsed), 100 + elapsed, true, true, true, startUtc, 1.0),
                }, CancellationToken.None);
                _ = task.ContinueWith(_ => gate.Release(), TaskScheduler.Default);
                tasks.Add(task);
            }
        }
        var results = await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        await writer.StopAsync(CancellationToken.None);
        var reasons = results.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count());
        return new WriterResult(results.Length, seconds, cpuSeconds, reasons, startUtc, TimeProvider.System.GetUtcNow().UtcDateTime);
    }
}

internal sealed record WriterResult(int Commands, double Seconds, double CpuSeconds, IReadOnlyDictionary<string, int> Reasons, DateTime FromUtc, DateTime ToUtc)
{
    public BatchStats? Batches { get; set; }
}

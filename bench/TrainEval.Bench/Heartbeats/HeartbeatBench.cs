using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Crypto;

namespace TrainEval.Bench.Heartbeats;

internal sealed record HeartbeatOptions
{
    public int Learners { get; init; } = 20_000;
    public double IntervalSeconds { get; init; } = 30;
    public double DurationSeconds { get; init; } = 120;
    /// <summary>
    /// Heartbeat rates (new heartbeats per second, before duplicates and reordering) of the steps after the main run, run in
    /// ascending order until one is saturated. Every step keeps the interval: rate × interval learners (more accounts are
    /// seeded when the highest step needs them, up to <see cref="MaxLearners"/>; beyond it the learners send more often).
    /// </summary>
    public IReadOnlyList<double> Rates { get; init; } = [50, 100, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 4000];
    public double StepSeconds { get; init; } = 45;
    public int MaxLearners { get; init; } = 120_000;
    public double WarmupSeconds { get; init; } = 30;
    public double WarmupRate { get; init; } = 200;
    public double DuplicateShare { get; init; } = 0.05;
    public double OutOfOrderShare { get; init; } = 0.01;
    /// <summary>The latency target: a step meets it with p95 at or below this and no errors.</summary>
    public double P95LimitMs { get; init; } = 20;
    /// <summary>Saturated: p95 above this or any error; the steps stop at the first saturated one.</summary>
    public double SaturatedP95Ms { get; init; } = 1000;
    public int MaxConnections { get; init; } = 256;
    /// <summary>Heartbeats per learner fed straight into an in-process ledger writer before the app starts (0 = skip).</summary>
    public int WriterRounds { get; init; } = 3;
    public int WriterInFlight { get; init; } = 2048;
    public string? App { get; init; }
    public bool Keep { get; init; }

    public static HeartbeatOptions Parse(IReadOnlyList<string> args)
    {
        var o = new HeartbeatOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--learners" => o with { Learners = (int)Number() },
                "--max-learners" => o with { MaxLearners = (int)Number() },
                "--interval" => o with { IntervalSeconds = Number() },
                "--duration" => o with { DurationSeconds = Number() },
                "--rates" => o with { Rates = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList() },
                "--step-seconds" => o with { StepSeconds = Number() },
                "--warmup" => o with { WarmupSeconds = Number() },
                "--warmup-rate" => o with { WarmupRate = Number() },
                "--duplicates" => o with { DuplicateShare = Number() },
                "--out-of-order" => o with { OutOfOrderShare = Number() },
                "--p95-limit" => o with { P95LimitMs = Number() },
                "--saturated-p95" => o with { SaturatedP95Ms = Number() },
                "--connections" => o with { MaxConnections = (int)Number() },
                "--writer-rounds" => o with { WriterRounds = (int)Number() },
                "--writer-in-flight" => o with { WriterInFlight = (int)Number() },
                "--app" => o with { App = Path.GetFullPath(Next()) },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return o;
    }
}

/// <summary>
/// Learning heartbeats against the real app on PostgreSQL (issue "Speed"): seed, start the app as its own process, run
/// the open-loop load from this process, then step the rate up to find the maximum sustained heartbeats per second.
/// </summary>
internal static class HeartbeatBench
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var o = HeartbeatOptions.Parse(args);
        var server = Environment.GetEnvironmentVariable("TRAINEVAL_BENCH_PG");
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("Set TRAINEVAL_BENCH_PG to a PostgreSQL server connection string without a database (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres\"), " +
                                    "or run bench/heartbeats.sh, which starts a throwaway cluster.");
            return 2;
        }
        var dll = o.App ?? Path.Combine(AppServer.RepositoryRoot(), "src", "TrainEval.Web", "bin", "Release", "net10.0", "TrainEval.Web.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"{dll} is missing: build it with `dotnet build src/TrainEval.Web -c Release` (or pass --app).");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("traineval-hb-").FullName;
        var name = "te_hb_" + Guid.NewGuid().ToString("N")[..12];
        var (env, ring, dataProtectionKeys) = AppServer.Environment($"{server};Database={name}", work);
        var db = new BenchDatabase(server, name, ring);
        var log = Path.Combine(work, "app.log");
        Console.WriteLine($"[heartbeats] work directory {work} (app log {log})");
        Console.WriteLine($"[heartbeats] app environment overrides: {AppServer.Overrides()}");

        await db.CreateAsync();
        try
        {
            Console.WriteLine($"[heartbeats] PostgreSQL: {await db.DescribeServerAsync()}");
            await AppServer.MigrateAsync(dll, env, log);

            var seedWatch = System.Diagnostics.Stopwatch.StartNew();
            var seed = (int)Math.Clamp(o.Rates.DefaultIfEmpty(0).Max() * o.IntervalSeconds, o.Learners, Math.Max(o.Learners, o.MaxLearners));
            var learners = await db.SeedAsync(seed, TimeProvider.System.GetUtcNow().UtcDateTime);
            var seeded = seedWatch.Elapsed.TotalSeconds;
            var tokens = MintTokens(learners, dataProtectionKeys);
            var tokenFile = Path.Combine(work, "tokens.csv");
            await File.WriteAllLinesAsync(tokenFile, learners.Select(l => $"{l.LearnerId:N},{l.SessionId:N},{l.Token}"));
            Console.WriteLine($"[heartbeats] seeded {seed} learners (accounts, activations, learning sessions, signed-in ledger states) in {seeded:F1} s; " +
                              $"minted {seed} player tokens in {tokens:F1} s → {tokenFile}");

            WriterResult? writerOnly = null;
            if (o.WriterRounds > 0)
            {
                writerOnly = await WriterProbe.RunAsync(db.ConnectionString, ring, learners.Take(o.Learners).ToList(), o.WriterRounds, o.WriterInFlight);
                writerOnly.Batches = await db.BatchStatsAsync(writerOnly.FromUtc, writerOnly.ToUtc.AddSeconds(1));
                Print(writerOnly, o.WriterInFlight);
            }

            await using var app = await AppServer.StartAsync(dll, env, log);
            Console.WriteLine($"[heartbeats] app pid {app.Pid} at {app.Url} (Production, Release, logging at Warning)");
            using var generator = new LoadGenerator(app.Url, learners, o.MaxConnections);
            var postmaster = await db.PostmasterPidAsync();
            if (postmaster is null) Console.WriteLine("[heartbeats] PostgreSQL runs elsewhere: its CPU is not measured");

            // Each learner is signed in (ledger state reset to a fresh signed-in state) once, before the app first sees
            // it: states the app has written are the app's own — rewriting them under a running app would make every
            // learner's first heartbeat of each phase a concurrency conflict (the writer keeps committed states).
            var signedIn = 0;
            async Task<PhaseResult> Phase(string name, double rate, double seconds)
            {
                var active = LoadGenerator.ActiveLearners(rate, o.IntervalSeconds, learners.Count);
                if (active > signedIn)
                {
                    await db.SignInAsync(learners.Skip(signedIn).Take(active - signedIn).ToList(), TimeProvider.System.GetUtcNow().UtcDateTime);
                    signedIn = active;
                }
                await Task.Delay(500);
                var r = await generator.RunAsync(name, rate, o.IntervalSeconds, seconds, o.DuplicateShare, o.OutOfOrderShare, app.Pid, postmaster);
                r.Batches = await db.BatchStatsAsync(r.FromUtc, r.ToUtc.AddSeconds(1));
                Print(r);
                return r;
            }

            // Warm-up (JIT tiers, EF query cache, connection pools) at a gentle rate; not part of the results.
            if (o.WarmupSeconds > 0) await Phase("warm-up", Math.Min(o.WarmupRate, o.Learners / o.IntervalSeconds), o.WarmupSeconds);
            var results = new List<PhaseResult> { await Phase("main", o.Learners / o.IntervalSeconds, o.DurationSeconds) };
            foreach (var rate in o.Rates.Where(r => r > 0).Order())
            {
                var step = await Phase("step", rate, o.StepSeconds);
                results.Add(step);
                if (Saturated(step, o)) break;
            }

            Console.WriteLine();
            Console.WriteLine($"[heartbeats] summary (target p95 ≤ {o.P95LimitMs} ms without errors; saturated: p95 > {o.SaturatedP95Ms} ms or errors; '+dup/ooo' = {o.DuplicateShare:P0} duplicates and {o.OutOfOrderShare:P0} out-of-order on top)");
            Console.WriteLine("| phase | heartbeats/s (+dup/ooo = requests/s) | learners × interval | s | requests | p50 ms | p95 ms | p99 ms | max ms | errors | " +
                              "server cores | PostgreSQL cores | generator cores | machine cores (other) | commits | avg batch (max) | meets target |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in results)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.HeartbeatsPerSecond:F0} ({r.RequestsPerSecond:F0}) | {r.Learners} × {r.IntervalSeconds:F1} s | {r.Seconds:F0} | {r.Requests} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Max:F0} | {r.Errors} | " +
                    $"{r.Cpu.Server:F2} | {r.Cpu.Postgres:F2} | {r.Cpu.Generator:F2} | {r.Cpu.Machine:F2} ({r.Cpu.Other:F2}) | {r.Batches?.Batches} | " +
                    $"{r.Batches?.AverageCommands:F1} ({r.Batches?.MaxCommands}) | {(Sustained(r, o) ? "yes" : Saturated(r, o) ? "no (saturated)" : "no")} |"));
            if (writerOnly is { Batches: { } wb })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| writer only (in-process, {o.WriterInFlight} in flight, no HTTP) | {writerOnly.Commands / writerOnly.Seconds:F0} commands/s | | {writerOnly.Seconds:F0} | {writerOnly.Commands} | | | | | 0 | " +
                    $"{writerOnly.CpuSeconds / writerOnly.Seconds:F2} (bench process) | | | | {wb.Batches} | {wb.AverageCommands:F1} ({wb.MaxCommands}) | |"));
            var extra = 1 + o.DuplicateShare + o.OutOfOrderShare;
            var best = results.Where(r => Sustained(r, o)).Select(r => r.HeartbeatsPerSecond).DefaultIfEmpty(0).Max();
            var kept = results.Where(r => !Saturated(r, o)).Select(r => r.HeartbeatsPerSecond).DefaultIfEmpty(0).Max();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[heartbeats] highest rate meeting the target: {best:F0} heartbeats/s ({best * extra:F0} requests/s); highest rate not saturated: {kept:F0} heartbeats/s ({kept * extra:F0} requests/s)"));
            return 0;
        }
        finally
        {
            if (o.Keep) Console.WriteLine($"[heartbeats] kept database {db.ConnectionString} and {work}");
            else
            {
                await db.DropAsync();
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Sustained: p95 within the limit and no errors (open loop: a server that falls behind shows it in the latency).</summary>
    private static bool Sustained(PhaseResult r, HeartbeatOptions o)
        => r.P95 <= o.P95LimitMs && r.Errors == 0;

    private static bool Saturated(PhaseResult r, HeartbeatOptions o)
        => r.P95 > o.SaturatedP95Ms || r.Errors > 0;

    /// <summary>Player tokens exactly as the app issues them: its own <see cref="PlayerTokens"/> over a Data Protection
    /// provider with the app's application name and key directory.</summary>
    private static double MintTokens(IReadOnlyList<BenchLearner> learners, string keysPath)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("TrainEval").PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        using var provider = services.BuildServiceProvider();
        var tokens = new PlayerTokens(provider.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System);
        foreach (var l in learners) l.Token = tokens.Issue(l.SessionId, l.LearnerId, l.LoginSessionId);
        return watch.Elapsed.TotalSeconds;
    }

    private static void Print(WriterResult w, int inFlight)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[heartbeats] writer only (the app's LedgerWriter in this process, {inFlight} commands in flight, no HTTP): {w.Commands} heartbeats in {w.Seconds:F1} s = " +
            $"{w.Commands / w.Seconds:F0}/s; {w.CpuSeconds / w.Seconds:F2} cores ({w.CpuSeconds * 1000 / w.Commands:F2} ms CPU per heartbeat)"));
        if (w.Batches is { } b)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[heartbeats]   writer: {b.Batches} group commits ({b.Batches / w.Seconds:F1}/s), {b.AverageCommands:F1} commands per commit on average (median {b.MedianCommands:F0}, max {b.MaxCommands}), " +
                $"{w.Seconds * 1000 / Math.Max(1, b.Batches):F1} ms per commit"));
        Console.WriteLine($"[heartbeats]   outcomes: {string.Join(", ", w.Reasons.OrderBy(r => r.Key).Select(r => $"{r.Key} × {r.Value}"))}");
    }

    private static void Print(PhaseResult r)
    {
        var b = r.Batches;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[heartbeats] {r.Name}: {r.HeartbeatsPerSecond:F0} heartbeats/s ({r.Learners} learners, every {r.IntervalSeconds:F1} s) for {r.Seconds:F0} s → {r.Requests} requests " +
            $"({r.RequestsPerSecond:F0}/s offered, {r.OkPerSecond:F0}/s answered 200); latency from scheduled send p50 {r.P50:F2} ms, p95 {r.P95:F2} ms, " +
            $"p99 {r.P99:F2} ms, max {r.Max:F1} ms; dispatch lag p50 {r.LagP50:F2} ms, p99 {r.LagP99:F2} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[heartbeats]   CPU (cores): server {r.Cpu.Server:F2}, PostgreSQL {r.Cpu.Postgres:F2}, generator {r.Cpu.Generator:F2}, machine {r.Cpu.Machine:F2} " +
            $"(other processes {r.Cpu.Other:F2}) of {Environment.ProcessorCount}"));
        if (b is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[heartbeats]   writer: {b.Batches} group commits ({b.Batches / (r.ToUtc - r.FromUtc).TotalSeconds:F1}/s), {b.AverageCommands:F1} commands per commit on average " +
                $"(median {b.MedianCommands:F0}, max {b.MaxCommands}), {b.Rows} ledger rows"));
        Console.WriteLine($"[heartbeats]   status: {string.Join(", ", r.Statuses.Select(s => $"{s.Key} × {s.Value}"))}");
        Console.WriteLine($"[heartbeats]   outcomes: {string.Join(", ", r.Outcomes.Select(s => $"{s.Key} × {s.Value}"))}");
    }
}

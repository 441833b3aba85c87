using System.Globalization;
using System.Text.Json;
using Npgsql;
using TrainEval.Bench.Heartbeats;

namespace TrainEval.Bench.Exams;

internal sealed record ExamOptions
{
    public IReadOnlySet<string> Phases { get; init; } = new HashSet<string> { "p2", "p3", "s1", "p5" };
    public int Candidates { get; init; } = 5000;
    public int Questions { get; init; } = 100;
    public double StartSeconds { get; init; } = 10;
    public double SaveRate { get; init; } = 2000;
    public double Duration { get; init; } = 600;
    public double S1Duration { get; init; } = 600;
    public double KillMin { get; init; } = 20;
    public double KillMax { get; init; } = 40;
    public double SubmitSeconds { get; init; } = 60;
    public double Duplicates { get; init; } = 0.2;
    public int WarmupCandidates { get; init; } = 200;
    /// <summary>"enter": P2 is the Enter POST through the gate then the attempt page; "page": only the page of a seeded entry (the figures before).</summary>
    public string P2Mode { get; init; } = "enter";
    /// <summary>Effective learning time of the course's completion rule, seeded as credited 30 s ledger rows per candidate ("enter" only).</summary>
    public int LearningMinutes { get; init; } = 60;
    public int MaxConnections { get; init; } = 256;
    public string? App { get; init; }
    public bool Keep { get; init; }

    public static ExamOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ExamOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--phases" => o with { Phases = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.ToLowerInvariant()).ToHashSet() },
                "--candidates" => o with { Candidates = (int)Number() },
                "--questions" => o with { Questions = (int)Number() },
                "--start-seconds" => o with { StartSeconds = Number() },
                "--rate" => o with { SaveRate = Number() },
                "--duration" => o with { Duration = Number() },
                "--s1-duration" => o with { S1Duration = Number() },
                "--kill-every" => Next().Split('-') is [var a, var b]
                    ? o with { KillMin = double.Parse(a, CultureInfo.InvariantCulture), KillMax = double.Parse(b, CultureInfo.InvariantCulture) }
                    : throw new ArgumentException("--kill-every MIN-MAX (seconds)"),
                "--submit-seconds" => o with { SubmitSeconds = Number() },
                "--duplicates" => o with { Duplicates = Number() },
                "--warmup-candidates" => o with { WarmupCandidates = (int)Number() },
                "--p2-mode" => Next() switch
                {
                    "enter" => o with { P2Mode = "enter" },
                    "page" => o with { P2Mode = "page" },
                    _ => throw new ArgumentException("--p2-mode enter|page"),
                },
                "--learning-minutes" => o with { LearningMinutes = (int)Number() },
                "--connections" => o with { MaxConnections = (int)Number() },
                "--app" => o with { App = Path.GetFullPath(Next()) },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return o;
    }

    /// <summary>Whether the seed goes through the gate: attempts ready and every row the Enter POST reads.</summary>
    public bool ThroughGate => Phases.Contains("p2") && P2Mode == "enter";
}

/// <summary>
/// Exam speed and durability (issue 6, "Speed and durability"): P2 synchronized start, P3 autosave rate, S1 autosave
/// while the server is killed, P5 submit burst with duplicates — against the real app on PostgreSQL as its own process,
/// load from this process. Each phase ends with a check of the database.
/// </summary>
internal static class ExamBench
{
    private sealed record Row(string Phase, string Load, long Requests, int Errors, double P50, double P95, double P99, double Max, CpuUse? Cpu, string Check);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var o = ExamOptions.Parse(args);
        var server = Environment.GetEnvironmentVariable("TRAINEVAL_BENCH_PG");
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("Set TRAINEVAL_BENCH_PG (a PostgreSQL server without a database) or run bench/exams.sh, which starts a throwaway cluster.");
            return 2;
        }
        var dll = o.App ?? Path.Combine(AppServer.RepositoryRoot(), "src", "TrainEval.Web", "bin", "Release", "net10.0", "TrainEval.Web.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"{dll} is missing: build it with `dotnet build src/TrainEval.Web -c Release` (or pass --app).");
            return 2;
        }
        var work = Directory.CreateTempSubdirectory("traineval-exams-").FullName;
        var name = "te_ex_" + Guid.NewGuid().ToString("N")[..12];
        var (env, ring, dataProtectionKeys) = AppServer.Environment($"{server};Database={name}", work);
        if (Environment.GetEnvironmentVariable("TRAINEVAL_BENCH_PERFMAP") == "1") env["DOTNET_PerfMapEnabled"] = "1";   // perf can name JIT-compiled frames
        var db = new BenchDatabase(server, name, ring);
        var log = Path.Combine(work, "app.log");
        Console.WriteLine($"[exams] work directory {work} (app log {log}); phases {string.Join(",", o.Phases.Order())}");
        Console.WriteLine($"[exams] app environment overrides: {AppServer.Overrides()}");
        await db.CreateAsync();
        var rows = new List<Row>();
        AppServer? app = null;
        try
        {
            Console.WriteLine($"[exams] PostgreSQL: {await db.DescribeServerAsync()}");
            await AppServer.MigrateAsync(dll, env, log);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (sittingId, all) = await ExamSeed.SeedAsync(db, ring, o.WarmupCandidates + o.Candidates, o.Questions, TimeProvider.System.GetUtcNow().UtcDateTime,
                o.ThroughGate, o.LearningMinutes);
            await ExamSeed.MintCookiesAsync(all, dataProtectionKeys);
            Console.WriteLine(o.ThroughGate
                ? $"[exams] seeded {all.Count} candidates ({o.WarmupCandidates} for warm-up) with ready attempts of {o.Questions} single-choice questions (shuffled) and " +
                  $"every row the entry gate reads (approved enrollment, paid order, open activation, {o.LearningMinutes} min of credited ledger rows and the unit " +
                  $"completion, signed learning commitment, face identity pass and signed exam commitment for the sitting), minted their sign-in cookies and " +
                  $"antiforgery tokens in {watch.Elapsed.TotalSeconds:F1} s"
                : $"[exams] seeded {all.Count} candidates ({o.WarmupCandidates} for warm-up) with started, entered attempts of {o.Questions} single-choice questions " +
                  $"(shuffled) and minted their sign-in cookies in {watch.Elapsed.TotalSeconds:F1} s");
            var warm = all.Take(o.WarmupCandidates).ToList();
            var candidates = all.Skip(o.WarmupCandidates).ToList();

            app = await AppServer.StartAsync(dll, env, log);
            var port = new Uri(app.Url).Port;
            Console.WriteLine($"[exams] app pid {app.Pid} at {app.Url} (Production, Release, logging at Warning)");
            var postmaster = await db.PostmasterPidAsync();
            using var load = new ExamLoad(app.Url, o.MaxConnections);

            // Warm-up (JIT, EF query cache, pools): the warm-up candidates open their pages and autosave for 15 s. Not reported.
            // Through the gate they first open the door page (which must offer "进入考试") and enter. They do it in two rounds a
            // second apart: the runtime only starts counting calls for tier-1 code once no new code has been compiled for a
            // moment, so one burst leaves the entry path at tier 0 and P2 would pay for thousands of background recompiles
            // — which a server that has been up before a sitting (door pages, checks, earlier sittings) has long done.
            if (warm.Count > 0)
            {
                foreach (var round in warm.Chunk(Math.Max(1, (warm.Count + 1) / 2)))
                {
                    if (o.ThroughGate)
                    {
                        Console.WriteLine($"[exams] warm-up door pages: {await DoorsAsync(load, sittingId, round)}");
                        var (entered, _, _) = await EnterAsync(load, sittingId, round, round.Length / 3.0);
                        Console.WriteLine($"[exams] warm-up entries: {entered.Describe()}");
                        await RefreshEntriesAsync(db, round);
                    }
                    else await OpenPagesAsync(load, sittingId, round, round.Length / 3.0);
                    await Task.Delay(1000);
                }
                await AutosaveAsync(load, warm, new AutosaveBook(warm.Count, o.Questions), Math.Min(200, o.SaveRate), 15, null);
                Console.WriteLine("[exams] warm-up done");
            }
            if (o.Phases.Contains("p3") && !o.Phases.Contains("p2"))
            {
                // As in a sitting, every candidate has opened the attempt page (which primes the node's save cache, ADR 0012)
                // before its first autosave. Without P2 in this run, they open it now, at 200/s; not reported.
                var (opened, seconds) = await OpenPagesAsync(load, sittingId, candidates, 200);
                Console.WriteLine($"[exams] attempt pages opened before P3 in {seconds:F0} s: {opened.Describe()}");
            }

            var book = new AutosaveBook(candidates.Count, o.Questions);
            if (o.ThroughGate)
            {
                var before = CpuSnapshot.Take(app.Pid, postmaster);
                var (rec, post, seconds) = await EnterAsync(load, sittingId, candidates, candidates.Count / o.StartSeconds);
                var cpu = CpuSnapshot.Between(before, CpuSnapshot.Take(app.Pid, postmaster));
                var check = await CheckEntriesAsync(db, sittingId, candidates);
                var (p50, p95, p99, max) = post.Percentiles();
                rows.Add(Print("P2 start (Enter POST through the gate + attempt page)", $"{candidates.Count} candidates in {o.StartSeconds:F0} s " +
                    $"({candidates.Count / o.StartSeconds:F0}/s), done in {seconds:F1} s", rec, cpu, check));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[exams]   Enter POST alone (scheduled send → redirect): p50 {p50:F1} ms, p95 {p95:F1} ms, p99 {p99:F1} ms, max {max:F0} ms; {post.Describe()}"));
                await RefreshEntriesAsync(db, candidates);
            }
            else if (o.Phases.Contains("p2"))
            {
                var before = CpuSnapshot.Take(app.Pid, postmaster);
                var (rec, seconds) = await OpenPagesAsync(load, sittingId, candidates, candidates.Count / o.StartSeconds);
                var cpu = CpuSnapshot.Between(before, CpuSnapshot.Take(app.Pid, postmaster));
                var check = await CheckStartsAsync(db, sittingId, candidates);
                rows.Add(Print("P2 start (first GET of the attempt page)", $"{candidates.Count} candidates in {o.StartSeconds:F0} s ({candidates.Count / o.StartSeconds:F0}/s), done in {seconds:F1} s", rec, cpu, check));
            }
            if (o.Phases.Contains("p3"))
            {
                var before = CpuSnapshot.Take(app.Pid, postmaster);
                var acked = book.Acknowledged;
                var (rec, seconds) = await AutosaveAsync(load, candidates, book, o.SaveRate, o.Duration, null);
                var cpu = CpuSnapshot.Between(before, CpuSnapshot.Take(app.Pid, postmaster));
                var check = await CheckAnswersAsync(db, candidates, book, exact: rec.Outcomes.Keys.All(k => k.StartsWith("200", StringComparison.Ordinal)));
                rows.Add(Print("P3 autosave", $"{o.SaveRate:F0}/s for {o.Duration:F0} s ({candidates.Count} candidates, each every {candidates.Count / o.SaveRate:F1} s), done in {seconds:F0} s; " +
                                               $"acknowledged {book.Acknowledged - acked} (saved {book.Saved}, stale {book.Stale} so far)", rec, cpu, check));
            }
            if (o.Phases.Contains("s1"))
            {
                var kills = new Killer(dll, env, log, port, o.KillMin, o.KillMax) { App = app };
                var acked = book.Acknowledged;
                var (rec, seconds) = await AutosaveAsync(load, candidates, book, o.SaveRate, o.S1Duration, kills);
                app = kills.App;
                var check = await CheckAnswersAsync(db, candidates, book, exact: false);
                rows.Add(Print("S1 autosave + SIGKILL", $"{o.SaveRate:F0}/s for {o.S1Duration:F0} s, server killed {kills.Kills} times (every {o.KillMin:F0}–{o.KillMax:F0} s; " +
                                                        $"back after {kills.DownDescribe()}), done in {seconds:F0} s; acknowledged {book.Acknowledged - acked}", rec, null, check));
            }
            if (o.Phases.Contains("p5"))
            {
                var before = CpuSnapshot.Take(app.Pid, postmaster);
                var (rec, seconds, duplicates, check) = await SubmitAsync(load, db, sittingId, candidates, o);
                var cpu = CpuSnapshot.Between(before, CpuSnapshot.Take(app.Pid, postmaster));
                rows.Add(Print("P5 submit", $"{candidates.Count} submits + {duplicates} duplicates in {o.SubmitSeconds:F0} s, done in {seconds:F1} s", rec, cpu, check));
            }

            Console.WriteLine();
            Console.WriteLine("[exams] summary (latency from the scheduled send, ms; errors = anything but the expected 200)");
            Console.WriteLine("| phase | load | requests | errors | p50 | p95 | p99 | max | server cores | PostgreSQL cores | generator cores | machine (other) | check |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Phase} | {r.Load} | {r.Requests} | {r.Errors} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Max:F0} | {r.Cpu?.Server:F2} | {r.Cpu?.Postgres:F2} | " +
                    $"{r.Cpu?.Generator:F2} | {r.Cpu?.Machine:F2} ({r.Cpu?.Other:F2}) | {r.Check} |"));
            return 0;
        }
        finally
        {
            if (app is not null) await app.DisposeAsync();
            if (o.Keep) Console.WriteLine($"[exams] kept database {db.ConnectionString} and {work}");
            else
            {
                await db.DropAsync();
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static Row Print(string phase, string what, Recorder rec, CpuUse? cpu, string check)
    {
        var (p50, p95, p99, max) = rec.Percentiles();
        var errors = rec.Outcomes.Where(o => !o.Key.StartsWith("200", StringComparison.Ordinal)).Sum(o => o.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[exams] {phase}: {what}; {rec.Count} requests, p50 {p50:F1} ms, p95 {p95:F1} ms, p99 {p99:F1} ms, max {max:F0} ms; errors {errors}"));
        Console.WriteLine($"[exams]   outcomes: {rec.Describe()}");
        var window = rec.Count >= 20_000 ? 10 : 2;
        Console.WriteLine($"[exams]   latency by {window} s of scheduled send (ms): {rec.Timeline(window)}");
        if (cpu is not null)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[exams]   CPU (cores): server {cpu.Server:F2}, PostgreSQL {cpu.Postgres:F2}, generator {cpu.Generator:F2}, machine {cpu.Machine:F2} (other processes {cpu.Other:F2}) of {Environment.ProcessorCount}"));
        Console.WriteLine($"[exams]   check: {check}");
        return new Row(phase, what, rec.Count, errors, p50, p95, p99, max, cpu, check);
    }

    /// <summary>P2: each candidate's first GET of the attempt page of their entry (shown once per entry), open loop.</summary>
    private static async Task<(Recorder, double)> OpenPagesAsync(ExamLoad load, Guid sittingId, IReadOnlyList<BenchCandidate> candidates, double rate)
    {
        var rec = new Recorder(candidates.Count);
        var seconds = await ExamLoad.ScheduleAsync(candidates.Count, rate, async (j, at) =>
        {
            var c = candidates[(int)j];
            string outcome;
            try
            {
                var (status, body) = await load.GetAsync($"/my/exams/{sittingId}/attempt?entry={c.EntryId}", c.Cookie);
                outcome = status == 200 && body.Contains($"data-attempt=\"{c.AttemptId}\" data-entry=\"{c.EntryId}\"", StringComparison.Ordinal)
                    ? "200 attempt page" : $"{status} {(status == 200 ? "other page" : "")}".TrimEnd();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { outcome = ExamLoad.Outcome(e); }
            rec.Add(at, outcome);
        });
        return (rec, seconds);
    }

    /// <summary>
    /// P2 through the gate: each candidate's Enter POST on the door (<c>/my/exams/{sitting}?handler=Enter</c> with the sign-in
    /// and antiforgery cookies and the form token: journey gate, bans, identity decision and exam commitment for this
    /// sitting, Start, Enter, events, audit, one transaction), then the GET of the attempt page it redirects to, open loop.
    /// Latency runs from the scheduled send to the end of the page (the second recorder: to the POST's answer). A refusal
    /// (the door page again, with its error) is counted by its message.
    /// </summary>
    private static async Task<(Recorder All, Recorder Post, double Seconds)> EnterAsync(ExamLoad load, Guid sittingId, IReadOnlyList<BenchCandidate> candidates, double rate)
    {
        var rec = new Recorder(candidates.Count);
        var post = new Recorder(candidates.Count);
        var seconds = await ExamLoad.ScheduleAsync(candidates.Count, rate, async (j, at) =>
        {
            var c = candidates[(int)j];
            var stage = "enter";
            string outcome;
            try
            {
                var (status, location, body) = await load.PostFormAsync($"/my/exams/{sittingId}?handler=Enter", $"{c.Cookie}; {c.AntiforgeryCookie}",
                    [new("__RequestVerificationToken", c.FormToken)]);
                post.Add(at, $"{status}");
                var entry = status == 302 ? EntryOf(location) : null;
                if (entry is { } e)
                {
                    c.EntryId = e;
                    stage = "attempt page";
                    var (pageStatus, page) = await load.GetAsync(location!, c.Cookie);
                    outcome = pageStatus == 200 && page.Contains($"data-attempt=\"{c.AttemptId}\" data-entry=\"{e}\"", StringComparison.Ordinal)
                        ? "200 attempt page" : $"entered, then attempt page {pageStatus}{(pageStatus == 200 ? " (other page)" : "")}";
                }
                else outcome = status switch
                {
                    200 when DoorError(body) is { } error => $"refused at the door: {error}",
                    302 => $"enter 302 to {location}",
                    _ => $"enter {status}",
                };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (stage == "enter") post.Add(at, ExamLoad.Outcome(e));
                outcome = $"{stage}: {ExamLoad.Outcome(e)}";
            }
            rec.Add(at, outcome);
        });
        return (rec, post, seconds);
    }

    private static Guid? EntryOf(string? location)
    {
        var i = location?.IndexOf("/attempt?entry=", StringComparison.Ordinal) ?? -1;
        return i >= 0 && Guid.TryParse(location![(i + "/attempt?entry=".Length)..], out var entry) ? entry : null;
    }

    private static string? DoorError(string html)
    {
        var m = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"door-error\">([^<]*)<");
        return m.Success ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    /// <summary>Warm-up through the gate: each door page once; it must offer "进入考试" (stage CanEnter), else says what is missing.</summary>
    private static async Task<string> DoorsAsync(ExamLoad load, Guid sittingId, IReadOnlyList<BenchCandidate> candidates)
    {
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await ExamLoad.ScheduleAsync(candidates.Count, Math.Max(1, candidates.Count / 5.0), async (j, _) =>
        {
            string outcome;
            try
            {
                var (status, body) = await load.GetAsync($"/my/exams/{sittingId}", candidates[(int)j].Cookie);
                var missing = System.Text.RegularExpressions.Regex.Match(body, "data-testid=\"door-missing\">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline);
                outcome = status != 200 ? $"{status}"
                    : body.Contains("data-testid=\"door-enter\"", StringComparison.Ordinal) ? "offers 进入考试"
                    : missing.Success ? "missing: " + System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(missing.Groups[1].Value, "<[^>]+>", " ").Trim())
                    : "no enter button";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { outcome = ExamLoad.Outcome(e); }
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        });
        return string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} × {o.Value}"));
    }

    /// <summary>Later phases save and submit under the current entry: taken from the database where the client did not get its redirect.</summary>
    private static async Task RefreshEntriesAsync(BenchDatabase db, IReadOnlyList<BenchCandidate> candidates)
    {
        var unknown = candidates.Where(c => c.EntryId == Guid.Empty).ToDictionary(c => c.AttemptId);
        if (unknown.Count == 0) return;
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT "Id", "EntryId" FROM exams_attempts WHERE "Id" = ANY(@ids) AND "EntryId" IS NOT NULL""", conn);
        cmd.Parameters.AddWithValue("ids", unknown.Keys.ToArray());
        await using var r = await cmd.ExecuteReaderAsync();
        var found = 0;
        while (await r.ReadAsync())
        {
            unknown[r.GetGuid(0)].EntryId = r.GetGuid(1);
            found++;
        }
        Console.WriteLine($"[exams]   {unknown.Count} candidates got no redirect: {found} of them entered all the same (entry taken from the database), {unknown.Count - found} did not");
    }

    /// <summary>
    /// After P2 through the gate: every candidate has exactly one attempt, in progress, started, with an entry id (the one
    /// their redirect named) and one entry; one <c>started</c> and one <c>entered</c> event and one audit entry
    /// <c>exams.attempt.started</c> per attempt.
    /// </summary>
    private static async Task<string> CheckEntriesAsync(BenchDatabase db, Guid sittingId, IReadOnlyList<BenchCandidate> candidates)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        var learners = candidates.Select(c => c.LearnerId).ToArray();
        var byAttempt = candidates.ToDictionary(c => c.AttemptId);
        long attempts = 0, inProgress = 0, ready = 0, shown = 0, sameEntry = 0, otherEntry = 0;
        var perLearner = new Dictionary<Guid, int>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT "Id", "LearnerId", "State", "EntryId", "EntryCount", "StartedAtUtc" IS NOT NULL AND "DeadlineUtc" IS NOT NULL, "EntryOpenedAtUtc" IS NOT NULL
            FROM exams_attempts WHERE "SittingId" = @s AND "LearnerId" = ANY(@l)
            """, conn))
        {
            cmd.Parameters.AddWithValue("s", sittingId);
            cmd.Parameters.AddWithValue("l", learners);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                attempts++;
                perLearner[r.GetGuid(1)] = perLearner.GetValueOrDefault(r.GetGuid(1)) + 1;
                var state = r.GetInt32(2);
                Guid? entry = r.IsDBNull(3) ? null : r.GetGuid(3);
                if (state == 1 && entry is not null && r.GetInt32(4) == 1 && r.GetBoolean(5)) inProgress++;
                if (state == 0) ready++;
                if (r.GetBoolean(6)) shown++;
                if (entry is { } e && byAttempt.TryGetValue(r.GetGuid(0), out var c) && c.EntryId != Guid.Empty)
                {
                    if (c.EntryId == e) sameEntry++;
                    else otherEntry++;
                }
            }
        }
        var notOne = candidates.Count(c => perLearner.GetValueOrDefault(c.LearnerId) != 1);
        var ids = candidates.Select(c => c.AttemptId).ToArray();
        long exactlyOne = 0, more = 0, entered = 0, started = 0, other = 0;
        await using (var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE en = 1 AND st = 1), count(*) FILTER (WHERE en > 1 OR st > 1), coalesce(sum(en), 0), coalesce(sum(st), 0), coalesce(sum(ot), 0)
            FROM (SELECT a."Id", count(e."Id") FILTER (WHERE e."Kind" = 'entered') AS en, count(e."Id") FILTER (WHERE e."Kind" = 'started') AS st,
                         count(e."Id") FILTER (WHERE e."Kind" NOT IN ('entered', 'started')) AS ot
                  FROM exams_attempts a LEFT JOIN exams_attempt_events e ON e."AttemptId" = a."Id" WHERE a."Id" = ANY(@ids) GROUP BY a."Id") x
            """, conn))
        {
            cmd.Parameters.AddWithValue("ids", ids);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            (exactlyOne, more, entered, started, other) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
        }
        long audits, auditedAttempts;
        await using (var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT "SubjectId") FROM platform_audit_entries WHERE "Action" = 'exams.attempt.started' AND "SubjectId" = ANY(@ids)
            """, conn))
        {
            cmd.Parameters.AddWithValue("ids", ids.Select(i => i.ToString()).ToArray());
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            (audits, auditedAttempts) = (r.GetInt64(0), r.GetInt64(1));
        }
        var n = candidates.Count;
        var ok = attempts == n && notOne == 0 && inProgress == n && exactlyOne == n && more == 0 && audits == n && auditedAttempts == n && otherEntry == 0;
        return $"{(ok ? "OK" : "FAILED")}: {attempts} attempts for {n} candidates ({notOne} candidates without exactly one); in progress, started, one entry with an " +
               $"entry id {inProgress}, still ready {ready}; entry id = the redirect's {sameEntry}, another {otherEntry}, no redirect seen {n - sameEntry - otherEntry}; " +
               $"pages shown {shown}; events: exactly one started + one entered {exactlyOne}, more than one {more} (entered {entered}, started {started}, other {other}); " +
               $"audit entries exams.attempt.started {audits} for {auditedAttempts} attempts";
    }

    /// <summary>P3/S1: autosaves at a fixed rate; candidate j mod N, a random question of their paper, the attempt's next seq.</summary>
    private static async Task<(Recorder, double)> AutosaveAsync(ExamLoad load, IReadOnlyList<BenchCandidate> candidates, AutosaveBook book, double rate, double seconds, Killer? killer)
    {
        var total = (long)(rate * seconds);
        var rec = new Recorder((int)Math.Min(total, int.MaxValue));
        var rng = new Random(unchecked((int)book.Acknowledged) + 7);
        using var stop = new CancellationTokenSource();
        var killing = killer?.RunAsync(stop.Token) ?? Task.CompletedTask;
        var elapsed = await ExamLoad.ScheduleAsync(total, rate, async (j, at) =>
        {
            var i = (int)(j % candidates.Count);
            var c = candidates[i];
            int q;
            long seq;
            lock (rng)
            {
                q = rng.Next(book.Questions);
                seq = book.NextSeq(i);
            }
            book.Sent(i, q, seq);
            string outcome;
            try
            {
                var (status, body) = await load.PostJsonAsync($"/api/v1/exams/attempts/{c.AttemptId}/answers", c.Cookie, AutosaveBook.Body(c.EntryId, c.Layout[q].Q, seq));
                var saved = status == 200 ? AutosaveBook.SavedFlag(body) : null;
                if (saved is { } s) book.Ack(i, q, seq, s);
                outcome = saved switch { true => "200 saved", false => "200 stale", _ => $"{status}" };
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { outcome = ExamLoad.Outcome(e); }
            rec.Add(at, outcome);
        });
        await stop.CancelAsync();
        await killing;
        return (rec, elapsed);
    }

    /// <summary>P5: every candidate submits once within the window; a share submits again 0–2 s later (double click, retry).</summary>
    private static async Task<(Recorder, double, int, string)> SubmitAsync(ExamLoad load, BenchDatabase db, Guid sittingId, IReadOnlyList<BenchCandidate> candidates, ExamOptions o)
    {
        var rng = new Random(6);
        var sends = candidates.Select((c, i) => (At: i * o.SubmitSeconds / candidates.Count, Index: i, Duplicate: false)).ToList();
        var duplicates = candidates.Select((c, i) => i).Where(_ => rng.NextDouble() < o.Duplicates).Select(i => (At: i * o.SubmitSeconds / candidates.Count + rng.NextDouble() * 2, Index: i, Duplicate: true)).ToList();
        sends.AddRange(duplicates);
        sends.Sort((a, b) => a.At.CompareTo(b.At));
        var rec = new Recorder(sends.Count);
        var first = new string?[candidates.Count];
        var again = new List<(int Index, string? At)>();
        var rate = sends.Count / sends[^1].At;
        // The schedule is by send index at a constant rate; the sorted times are close to it (duplicates add 20 %).
        var seconds = await ExamLoad.ScheduleAsync(sends.Count, rate, async (j, at) =>
        {
            var s = sends[(int)j];
            var c = candidates[s.Index];
            string outcome;
            try
            {
                var (status, body) = await load.PostJsonAsync($"/api/v1/exams/attempts/{c.AttemptId}/submit", c.Cookie, $"{{\"entry\":\"{c.EntryId}\"}}");
                string? submittedAt = null;
                if (status == 200)
                {
                    using var doc = JsonDocument.Parse(body);
                    submittedAt = doc.RootElement.GetProperty("submittedAt").GetString();
                }
                lock (again)
                {
                    if (s.Duplicate) again.Add((s.Index, submittedAt));
                    else first[s.Index] = submittedAt;
                }
                outcome = $"{status}{(s.Duplicate ? " duplicate" : "")}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { outcome = ExamLoad.Outcome(e); }
            rec.Add(at, outcome);
        });
        // A duplicate may arrive before its original: both must carry the one stored submission time. The answer to the
        // request that submitted carries the time in .NET precision (100 ns), a later one the stored time (PostgreSQL: 1 µs).
        static long? Micros(string? at) => at is null ? null : DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks / 10;
        var same = again.Count(d => d.At is not null && Micros(d.At) == Micros(first[d.Index]));
        var sameExactly = again.Count(d => d.At is not null && d.At == first[d.Index]);
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        var ids = candidates.Select(c => c.AttemptId).ToArray();
        var submitted = await ScalarAsync(conn, """SELECT count(*) FROM exams_attempts WHERE "Id" = ANY(@ids) AND "State" = 2""", ids);
        var events = await ScalarAsync(conn, """SELECT count(*) FROM exams_attempt_events WHERE "AttemptId" = ANY(@ids) AND "Kind" = 'submitted'""", ids);
        var audits = await ScalarAsync(conn, """SELECT count(*) FROM platform_audit_entries WHERE "Action" = 'exams.attempt.submitted'""", ids);
        var twice = await ScalarAsync(conn, """SELECT count(*) FROM (SELECT "AttemptId" FROM exams_attempt_events WHERE "AttemptId" = ANY(@ids) AND "Kind" = 'submitted' GROUP BY "AttemptId" HAVING count(*) > 1) x""", ids);
        var check = $"{submitted} of {candidates.Count} attempts submitted; {events} submitted events ({twice} attempts with more than one); {audits} audit entries 'exams.attempt.submitted'; " +
                    $"{same} of {again.Count} duplicates answered with the original submission time (to the µs; {sameExactly} also to the 100 ns)";
        return (rec, seconds, duplicates.Count, check);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, Guid[] ids)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("ids", ids);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>After P2: one attempt per candidate (the unique index), each page shown once (EntryOpenedAtUtc set), one entry each.</summary>
    private static async Task<string> CheckStartsAsync(BenchDatabase db, Guid sittingId, IReadOnlyList<BenchCandidate> candidates)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        var learners = candidates.Select(c => c.LearnerId).ToArray();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT "LearnerId"), count(*) FILTER (WHERE "EntryOpenedAtUtc" IS NOT NULL), count(*) FILTER (WHERE "EntryCount" = 1 AND "State" = 1)
            FROM exams_attempts WHERE "SittingId" = @s AND "LearnerId" = ANY(@l)
            """, conn);
        cmd.Parameters.AddWithValue("s", sittingId);
        cmd.Parameters.AddWithValue("l", learners);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return $"{r.GetInt64(0)} attempts for {r.GetInt64(1)} of {candidates.Count} candidates; pages shown {r.GetInt64(2)}; in progress with one entry {r.GetInt64(3)}";
    }

    /// <summary>
    /// Every (attempt, question) against the database: the stored seq must be at least the highest acknowledged one (else
    /// an acknowledged save was lost), at most the highest sent, and the stored answer must be the one that seq sent.
    /// With <paramref name="exact"/> (every request answered 200) the stored seq must equal the highest acknowledged.
    /// </summary>
    private static async Task<string> CheckAnswersAsync(BenchDatabase db, IReadOnlyList<BenchCandidate> candidates, AutosaveBook book, bool exact)
    {
        var index = candidates.Select((c, i) => (c, i)).ToDictionary(x => x.c.AttemptId, x => x.i);
        var stored = new Dictionary<(int, Guid), (long Seq, string Answer)>();
        await using (var conn = new NpgsqlConnection(db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""SELECT "AttemptId", "QuestionId", "Seq", "Answer" FROM exams_answers WHERE "AttemptId" = ANY(@ids)""", conn);
            cmd.Parameters.AddWithValue("ids", index.Keys.ToArray());
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stored[(index[r.GetGuid(0)], r.GetGuid(1))] = (r.GetInt64(2), r.GetString(3));
        }
        long pairs = 0, equal = 0, higher = 0, lost = 0, beyondSent = 0, wrongAnswer = 0, acknowledged = 0;
        for (var i = 0; i < candidates.Count; i++)
            for (var q = 0; q < book.Questions; q++)
            {
                var item = candidates[i].Layout[q];
                var ack = book.AckedOf(i, q);
                var sent = book.SentOf(i, q);
                var has = stored.TryGetValue((i, item.Q), out var s);
                if (ack > 0) acknowledged++;
                if (!has)
                {
                    if (ack > 0) lost++;
                    continue;
                }
                pairs++;
                if (s.Seq < ack) lost++;
                else if (s.Seq == ack) equal++;
                else higher++;
                if (s.Seq > sent) beyondSent++;
                if (s.Answer != item.O[AutosaveBook.Choice(s.Seq)].ToString(CultureInfo.InvariantCulture)) wrongAnswer++;
            }
        var verdict = lost == 0 && beyondSent == 0 && wrongAnswer == 0 && (!exact || higher == 0) ? "OK" : "FAILED";
        return $"{verdict}: {acknowledged} (attempt, question) pairs with an acknowledged save, {pairs} stored; stored seq = highest acknowledged {equal}, " +
               $"higher (save committed, answer lost in transit) {higher}; LOST {lost}; stored seq never sent {beyondSent}; answer not the one of its seq {wrongAnswer}";
    }

    /// <summary>S1: kills the app with SIGKILL at random intervals and starts it again on the same port.</summary>
    private sealed class Killer(string dll, IReadOnlyDictionary<string, string> env, string log, int port, double min, double max)
    {
        private readonly List<double> down = [];
        public AppServer App { get; set; } = null!;
        public int Kills => down.Count;

        public string DownDescribe() => down.Count == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{down.Min():F1}–{down.Max():F1} s, mean {down.Average():F1} s");

        public async Task RunAsync(CancellationToken stop)
        {
            var rng = new Random(40);
            while (true)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(min + rng.NextDouble() * (max - min)), stop); }
                catch (OperationCanceledException) { return; }
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await App.DisposeAsync();   // Process.Kill: SIGKILL, no shutdown hooks, the writer's queue dies with it
                Console.WriteLine($"[exams]   S1: killed the app (SIGKILL) at {TimeProvider.System.GetUtcNow():HH:mm:ss}");
                App = await AppServer.StartAsync(dll, env, log, port);
                down.Add(watch.Elapsed.TotalSeconds);
            }
        }
    }
}

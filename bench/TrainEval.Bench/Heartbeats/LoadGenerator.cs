using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TrainEval.Bench.Heartbeats;

internal enum SendKind { Heartbeat, Duplicate, OutOfOrder }

/// <summary>
/// Open-loop heartbeat load: every learner sends on a fixed schedule (learner i of N starts at i / rate and repeats every
/// N / rate seconds), whatever the answers; a share of heartbeats is resent 1 s later with the same sequence (a retry)
/// or followed 1 s later by the previous sequence (reordering). Latency is measured from the scheduled send time, so a
/// slow server cannot slow the generator down and hide its own queueing (no coordinated omission).
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly IReadOnlyList<BenchLearner> learners;
    private readonly long[] sequence;
    private readonly double[] startPosition;
    private readonly long runStart = Stopwatch.GetTimestamp();
    private readonly DateTime runStartUtc = TimeProvider.System.GetUtcNow().UtcDateTime;
    private readonly Random random = new(20261126);

    public LoadGenerator(string url, IReadOnlyList<BenchLearner> learners, int maxConnections)
    {
        this.learners = learners;
        sequence = new long[learners.Count];
        startPosition = learners.Select(_ => random.NextDouble() * 600).ToArray();
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// One phase at <paramref name="heartbeatsPerSecond"/> new heartbeats per second: as many learners as send every
    /// <paramref name="targetInterval"/> seconds at that rate (all of them when the rate is higher: they send more often).
    /// </summary>
    public async Task<PhaseResult> RunAsync(string name, double heartbeatsPerSecond, double targetInterval, double seconds, double duplicateShare,
        double outOfOrderShare, int serverPid, int? postmasterPid)
    {
        var total = (long)Math.Floor(heartbeatsPerSecond * seconds);
        var active = ActiveLearners(heartbeatsPerSecond, targetInterval, learners.Count);
        var interval = active / heartbeatsPerSecond;
        var stats = new PhaseStats((int)(total * (1 + duplicateShare + outOfOrderShare) * 1.1) + 1000);
        var tasks = new List<Task>((int)(total * 1.1));
        var cpuBefore = CpuSnapshot.Take(serverPid, postmasterPid);
        var phaseStart = Stopwatch.GetTimestamp();
        var phaseStartUtc = TimeProvider.System.GetUtcNow().UtcDateTime;
        var phaseOffset = Stopwatch.GetElapsedTime(runStart, phaseStart).TotalSeconds;

        // The dispatcher sleeps 1 ms when nothing is due; how late sends leave is reported as the dispatch lag (it is part of the latency).
        await Task.Run(async () =>
        {
            var extras = new PriorityQueue<Send, double>();
            long j = 0;
            while (j < total || extras.Count > 0)
            {
                var now = Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
                var nextBase = j < total ? j / heartbeatsPerSecond : double.MaxValue;
                var nextExtra = extras.TryPeek(out _, out var at) ? at : double.MaxValue;
                if (Math.Min(nextBase, nextExtra) > now)
                {
                    await Task.Delay(1);
                    continue;
                }
                if (nextBase <= nextExtra)
                {
                    var i = (int)(j++ % active);
                    var seq = ++sequence[i];
                    var position = startPosition[i] + phaseOffset + nextBase;   // the playhead advances with wall-clock time
                    tasks.Add(SendAsync(new Send(i, seq, position, nextBase, SendKind.Heartbeat), stats, phaseStart, phaseOffset));
                    var draw = random.NextDouble();
                    if (draw < duplicateShare)
                        extras.Enqueue(new Send(i, seq, position, nextBase + 1, SendKind.Duplicate), nextBase + 1);
                    else if (draw < duplicateShare + outOfOrderShare && seq > 1)
                        extras.Enqueue(new Send(i, seq - 1, position - interval, nextBase + 1, SendKind.OutOfOrder), nextBase + 1);
                }
                else tasks.Add(SendAsync(extras.Dequeue(), stats, phaseStart, phaseOffset));
            }
        });
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
        var cpu = CpuSnapshot.Between(cpuBefore, CpuSnapshot.Take(serverPid, postmasterPid));
        return stats.Result(name, heartbeatsPerSecond, active, interval, seconds, elapsed, cpu, phaseStartUtc, TimeProvider.System.GetUtcNow().UtcDateTime);
    }

    /// <summary>How many learners send at <paramref name="rate"/> per second, each every <paramref name="interval"/> seconds.</summary>
    public static int ActiveLearners(double rate, double interval, int available) => (int)Math.Clamp(Math.Round(rate * interval), 1, available);

    private async Task SendAsync(Send s, PhaseStats stats, long phaseStart, double phaseOffset)
    {
        var scheduled = phaseStart + (long)(s.At * Stopwatch.Frequency);
        stats.Lag(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds);
        var learner = learners[s.Learner];
        try
        {
            using var content = new ByteArrayContent(Body(learner.Token, s.Sequence, runStartUtc.AddSeconds(phaseOffset + s.At), s.Position,
                runStartUtc.AddSeconds(phaseOffset)));
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync("api/v1/learning/heartbeat", content);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var latency = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
            stats.Record(latency, (int)response.StatusCode, s.Kind, bytes);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stats.Failure(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds, e is TaskCanceledException ? "timeout" : "connection");
        }
    }

    private static byte[] Body(string token, long seq, DateTime clientTime, double position, DateTime lastInteraction)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteNumber("seq", seq);
            w.WriteString("clientTime", clientTime);
            w.WriteNumber("position", Math.Round(position, 3));
            w.WriteBoolean("playing", true);
            w.WriteBoolean("visible", true);
            w.WriteBoolean("focused", true);
            w.WriteNumber("rate", 1);
            w.WriteString("lastInteraction", lastInteraction);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => http.Dispose();

    private readonly record struct Send(int Learner, long Sequence, double Position, double At, SendKind Kind);
}

/// <summary>Thread-safe counters of one phase.</summary>
internal sealed class PhaseStats(int capacity)
{
    private readonly double[] latencies = new double[capacity];
    private readonly double[] lags = new double[capacity];
    private int latencyCount;
    private int lagCount;
    private readonly ConcurrentDictionary<string, int> statuses = new();
    private readonly ConcurrentDictionary<string, int> outcomes = new();

    public void Lag(double ms)
    {
        var i = Interlocked.Increment(ref lagCount) - 1;
        if (i < lags.Length) lags[i] = ms;
    }

    public void Record(double ms, int status, SendKind kind, byte[] body)
    {
        Add(ms);
        statuses.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        string outcome;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            outcome = root.TryGetProperty("reason", out var reason)
                ? $"{reason.GetString()}{(root.TryGetProperty("accepted", out var a) && a.GetBoolean() ? "" : " (refused)")}"
                : root.TryGetProperty("code", out var code) ? $"error {code.GetString()}" : "unparsed";
        }
        catch (JsonException) { outcome = "not JSON"; }
        outcomes.AddOrUpdate($"{Kind(kind)} → {outcome}", 1, (_, n) => n + 1);
    }

    public void Failure(double ms, string what)
    {
        Add(ms);
        statuses.AddOrUpdate(what, 1, (_, n) => n + 1);
    }

    private void Add(double ms)
    {
        var i = Interlocked.Increment(ref latencyCount) - 1;
        if (i < latencies.Length) latencies[i] = ms;
    }

    private static string Kind(SendKind k) => k switch
    {
        SendKind.Heartbeat => "new",
        SendKind.Duplicate => "duplicate",
        _ => "out-of-order",
    };

    public PhaseResult Result(string name, double rate, int learners, double interval, double seconds, double elapsed, CpuUse cpu, DateTime fromUtc, DateTime toUtc)
    {
        var n = Math.Min(latencyCount, latencies.Length);
        var sorted = latencies[..n];
        Array.Sort(sorted);
        var lagSorted = lags[..Math.Min(lagCount, lags.Length)];
        Array.Sort(lagSorted);
        var ok = statuses.GetValueOrDefault("200");
        return new PhaseResult(name, rate, learners, interval, seconds, n, n / seconds, ok, n - ok, ok / elapsed,
            Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), n > 0 ? sorted[^1] : 0,
            Percentile(lagSorted, 0.50), Percentile(lagSorted, 0.99),
            new SortedDictionary<string, int>(statuses), new SortedDictionary<string, int>(outcomes), cpu, fromUtc, toUtc);
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal sealed record PhaseResult(string Name, double HeartbeatsPerSecond, int Learners, double IntervalSeconds, double Seconds, int Requests,
    double RequestsPerSecond, int Ok, int Errors, double OkPerSecond, double P50, double P95, double P99, double Max, double LagP50, double LagP99,
    IReadOnlyDictionary<string, int> Statuses, IReadOnlyDictionary<string, int> Outcomes, CpuUse Cpu, DateTime FromUtc, DateTime ToUtc)
{
    public BatchStats? Batches { get; set; }
}

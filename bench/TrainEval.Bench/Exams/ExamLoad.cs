using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TrainEval.Bench.Exams;

/// <summary>Latencies (from the scheduled send time) and outcomes of one phase; thread-safe.</summary>
internal sealed class Recorder(int capacity)
{
    private readonly double[] latencies = new double[capacity];
    private readonly long[] scheduled = new long[capacity];
    private int count;
    public readonly ConcurrentDictionary<string, int> Outcomes = new();

    /// <summary>One request: <paramref name="at"/> is its scheduled send (a Stopwatch timestamp); latency is counted from it.</summary>
    public void Add(long at, string outcome)
    {
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(at).TotalMilliseconds;
        var i = Interlocked.Increment(ref count) - 1;
        if (i < latencies.Length) (latencies[i], scheduled[i]) = (ms, at);
        Outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }

    /// <summary>p50/p99 per window of scheduled send time, to tell a start-up tail from a steady one.</summary>
    public string Timeline(double windowSeconds)
    {
        if (Count == 0) return "";
        var first = scheduled[..Count].Min();
        return string.Join(" · ", Enumerable.Range(0, Count)
            .GroupBy(i => (int)(System.Diagnostics.Stopwatch.GetElapsedTime(first, scheduled[i]).TotalSeconds / windowSeconds))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sorted = g.Select(i => latencies[i]).Order().ToArray();
                double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
                return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{g.Key * windowSeconds:0}–{(g.Key + 1) * windowSeconds:0} s: p50 {P(0.5):F0}, p99 {P(0.99):F0}");
            }));
    }

    public int Count => Math.Min(count, latencies.Length);

    public (double P50, double P95, double P99, double Max) Percentiles()
    {
        var sorted = latencies[..Count];
        Array.Sort(sorted);
        double P(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return (P(0.50), P(0.95), P(0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }

    public string Describe() => string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} × {o.Value}"));
}

/// <summary>
/// Open-loop load for the exam phases: sends leave on a fixed schedule (the j-th at j / rate seconds) whatever the
/// answers, and latency is measured from the scheduled time (no coordinated omission). Requests carry the candidate's
/// sign-in cookie; no cookie jar, no redirects followed.
/// </summary>
internal sealed class ExamLoad : IDisposable
{
    private readonly HttpClient http;

    public ExamLoad(string url, int maxConnections)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Runs <paramref name="total"/> sends at <paramref name="rate"/> per second; <paramref name="send"/> gets the index and the scheduled timestamp.</summary>
    public static async Task<double> ScheduleAsync(long total, double rate, Func<long, long, Task> send, Func<long, (long At, Func<Task>)?>? extra = null)
    {
        var start = Stopwatch.GetTimestamp();
        long inFlight = 0;
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sentAll = false;
        void Done()
        {
            if (Interlocked.Decrement(ref inFlight) == 0 && Volatile.Read(ref sentAll)) allSent.TrySetResult();
        }
        async Task Run(Func<Task> work)
        {
            try { await work(); }
            finally { Done(); }
        }
        await Task.Run(async () =>
        {
            for (long j = 0; j < total; j++)
            {
                var at = start + (long)(j / rate * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < at) await Task.Delay(1);
                Interlocked.Increment(ref inFlight);
                var jj = j;
                _ = Run(() => send(jj, at));
            }
        });
        Interlocked.Increment(ref inFlight);
        Volatile.Write(ref sentAll, true);
        Done();
        await allSent.Task;
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public async Task<(int Status, string Body)> GetAsync(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(int Status, string Body)> PostJsonAsync(string path, string cookie, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A form POST as a browser sends it (no redirect followed): status, the Location of a redirect, body.</summary>
    public async Task<(int Status, string? Location, string Body)> PostFormAsync(string path, string cookie, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The device the Enter POST reports (recorded with the attempt's events).</summary>
    public const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) TrainEvalBench/1.0";

    public static string Outcome(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException h => "connection " + (h.HttpRequestError.ToString()),
        _ => e.GetType().Name,
    };

    public void Dispose() => http.Dispose();
}

/// <summary>
/// Autosave bookkeeping: per (candidate, question of their layout) the highest seq sent and the highest seq acknowledged
/// (HTTP 200, saved or stale: the app answers only once the batch is committed). Seqs are per attempt and rise with
/// every save, so a later save of a question always carries a higher seq, as the page's counter does.
/// </summary>
internal sealed class AutosaveBook(int candidates, int questions)
{
    private readonly long[] seq = new long[candidates];
    private readonly long[] sent = new long[candidates * questions];
    private readonly long[] acked = new long[candidates * questions];
    public readonly int Questions = questions;
    public long Acknowledged;
    public long Saved;
    public long Stale;

    public long NextSeq(int candidate) => ++seq[candidate];

    public void Sent(int candidate, int question, long s) => Max(ref sent[candidate * Questions + question], s);

    public void Ack(int candidate, int question, long s, bool saved)
    {
        Max(ref acked[candidate * Questions + question], s);
        Interlocked.Increment(ref Acknowledged);
        if (saved) Interlocked.Increment(ref Saved);
        else Interlocked.Increment(ref Stale);
    }

    public long AckedOf(int candidate, int question) => Volatile.Read(ref acked[candidate * Questions + question]);
    public long SentOf(int candidate, int question) => Volatile.Read(ref sent[candidate * Questions + question]);

    private static void Max(ref long slot, long value)
    {
        long old;
        while ((old = Volatile.Read(ref slot)) < value && Interlocked.CompareExchange(ref slot, value, old) != old) { }
    }

    /// <summary>The displayed option a save with this seq picks (the stored answer tells which save won).</summary>
    public static int Choice(long s) => (int)(s % 4);

    public static string Body(Guid entry, Guid question, long s) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"entry\":\"{entry}\",\"questionId\":\"{question}\",\"seq\":{s},\"choices\":[{Choice(s)}]}}");

    public static bool? SavedFlag(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("saved", out var v) ? v.GetBoolean() : null;
        }
        catch (JsonException) { return null; }
    }
}

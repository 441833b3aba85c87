using System.Diagnostics;
using System.Runtime.InteropServices;
using TrainEval.FaceEngine;

namespace TrainEval.FaceBench;

// Inside namespace TrainEval.*, "FaceEngine" would bind to the namespace TrainEval.FaceEngine: alias the class here.
using FaceEngine = TrainEval.FaceEngine.FaceEngine;

/// <summary>Warm per-stage latency per 640×480 JPEG frame, and verification throughput with 1..N workers.</summary>
public static class Latency
{
    public static void Run(FaceEngine engine, string[] args)
    {
        var iterations = Option(args, "--iterations", 200);
        var seconds = Option(args, "--seconds", 15);
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"# Face engine latency — {TimeProvider.System.GetLocalNow():yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine($"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}, " +
                          $"CPU: {CpuModel()}, cores available to this process: {cores}, IntraOpThreads={engine.Options.IntraOpThreads}, model {engine.ModelVersion}");

        var load = Stopwatch.StartNew();
        using (FaceEngine.Load(new FaceEngineOptions())) { }
        Console.WriteLine($"Session load (6 models, SHA-256 check included): {load.Elapsed.TotalMilliseconds:F0} ms");

        var frames = new[] { "astronaut.png", "grace_hopper.jpg" }.Select(n => Frames.Camera(File.ReadAllBytes(Frames.FixturePath(n)))).ToArray();
        for (var i = 0; i < 20; i++) engine.Analyze(frames[i % frames.Length]);

        var stages = new Dictionary<string, List<double>>();
        void Add(string name, double ms) => (stages.TryGetValue(name, out var l) ? l : stages[name] = []).Add(ms);
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.GetTimestamp();
            var a = engine.Analyze(frames[i % frames.Length]);
            var wall = Stopwatch.GetElapsedTime(sw).TotalMilliseconds;
            var t = a.Timings;
            Add("decode (JPEG 640×480)", t.DecodeMs);
            Add("detect (+ quality crop)", t.DetectMs);
            Add("landmarks", t.LandmarksMs);
            Add("align + embed", t.EmbedMs);
            Add("liveness", t.LivenessMs);
            Add("pose", t.PoseMs);
            Add("eyes (2 crops)", t.EyesMs);
            Add("detect+landmarks+embed+liveness", t.DetectMs + t.LandmarksMs + t.EmbedMs + t.LivenessMs);
            Add("end to end (decode … eyes)", wall);
        }
        Console.WriteLine();
        Console.WriteLine($"Per frame, warm, {iterations} runs, {cores} core(s):");
        Console.WriteLine("| stage | p50 ms | p95 ms | mean ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, values) in stages)
            Console.WriteLine($"| {name} | {Percentile(values, 50):F1} | {Percentile(values, 95):F1} | {values.Average():F1} |");

        var reference = engine.CreateReference(File.ReadAllBytes(Frames.FixturePath("astronaut.png"))).Template!;
        var policy = new VerificationPolicy();
        Console.WriteLine();
        Console.WriteLine("Verifications per second (stored reference template + 5 frames analysed + Decide):");
        Console.WriteLine("| parallel workers | verifications/s | frames/s | p50 ms per verification | p95 ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var workers in Enumerable.Range(1, Math.Max(1, cores)).Where(w => w == 1 || w == cores).Distinct())
        {
            var durations = new List<double>[workers];
            var stop = Stopwatch.StartNew();
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                durations[w] = [];
                while (stop.Elapsed.TotalSeconds < seconds)
                {
                    var start = Stopwatch.GetTimestamp();
                    var analyses = Enumerable.Range(0, 5).Select(i => engine.Analyze(frames[i % frames.Length])).ToList();
                    FaceVerifier.Decide(reference, analyses, Challenge.None, policy, engine.ModelVersion);
                    durations[w].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
            var all = durations.SelectMany(d => d).ToList();
            var perSecond = all.Count / stop.Elapsed.TotalSeconds;
            Console.WriteLine($"| {workers} | {perSecond:F2} | {perSecond * 5:F1} | {Percentile(all, 50):F0} | {Percentile(all, 95):F0} |");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}

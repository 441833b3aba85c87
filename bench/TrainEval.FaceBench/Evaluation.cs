using System.Diagnostics;
using System.Numerics;
using SkiaSharp;
using TrainEval.FaceEngine;
using TrainEval.FaceEngine.Testing;

namespace TrainEval.FaceBench;

// Inside namespace TrainEval.*, "FaceEngine" would bind to the namespace TrainEval.FaceEngine: alias the class here.
using FaceEngine = TrainEval.FaceEngine.FaceEngine;

/// <summary>
/// FAR/FRR per threshold over every pair of faces in the offline image sets, and liveness distributions.
/// No labelled benchmark set (LFW-style) is reachable here: this is a sanity check on a small hand-labelled set.
/// </summary>
public static class Evaluation
{
    private sealed record Face(string Source, string Identity, FaceMeasurement M);

    public static void Run(FaceEngine engine)
    {
        var samples = FaceApiSamples();
        var faces = new List<Face>();

        // Public-domain fixtures and synthetic variants of the two frontal portraits (same person by construction).
        foreach (var (file, identity) in new[] { ("astronaut.png", "astronaut"), ("grace_hopper.jpg", "hopper"), ("camera.png", "cameraman") })
        {
            var bytes = File.ReadAllBytes(Frames.FixturePath(file));
            faces.AddRange(engine.MeasureEveryFace(bytes).Take(1).Select(m => new Face(file, identity, m)));
            if (identity == "cameraman") continue;
            foreach (var (name, variant) in Variants.Of(bytes))
                faces.AddRange(engine.MeasureEveryFace(variant).Take(1).Select(m => new Face($"{file}:{name}", identity, m)));
        }
        // face-api samples: every face is its own person, except the woman who appears in sample1 and sample3 (checked by
        // eye; identified here by a point inside her face box).
        var sameWoman = new Dictionary<string, Vector2> { ["sample1.jpg"] = new(1570, 320), ["sample3.jpg"] = new(1190, 350) };
        foreach (var path in samples)
        {
            var file = Path.GetFileName(path);
            var k = 0;
            foreach (var m in engine.MeasureEveryFace(File.ReadAllBytes(path)))
            {
                var inside = sameWoman.TryGetValue(file, out var p) && p.X >= m.Box.X && p.X <= m.Box.Right && p.Y >= m.Box.Y && p.Y <= m.Box.Bottom;
                faces.Add(new Face($"{file}#{++k}", inside ? "sample1/3 woman" : $"{file}#{k}", m));
            }
        }

        Console.WriteLine($"# Face engine evaluation — {TimeProvider.System.GetLocalNow():yyyy-MM-dd}, model {engine.ModelVersion}");
        Console.WriteLine("No labelled benchmark set (LFW-style) is reachable here; a small hand-labelled set, a sanity check only.");
        Console.WriteLine($"Faces: {faces.Count} ({faces.Select(f => f.Identity).Distinct().Count()} identities); " +
                          $"human-like {faces.Count(f => f.M.PersonLike)}; frontal (|yaw| ≤ 25) {faces.Count(f => Math.Abs(f.M.Yaw) <= 25)}.");

        Report("all faces", faces);
        Report("frontal faces only (|yaw| ≤ 25°, as Decide uses them)", faces.Where(f => Math.Abs(f.M.Yaw) <= 25 && f.M.PersonLike).ToList());
        ReportCrossSource(faces);
        LivenessReport(engine, faces, samples);
    }

    private static void Report(string title, List<Face> faces)
    {
        var genuine = new List<float>();
        var impostor = new List<float>();
        for (var i = 0; i < faces.Count; i++)
            for (var j = i + 1; j < faces.Count; j++)
                (faces[i].Identity == faces[j].Identity ? genuine : impostor).Add(FaceMath.Cosine(faces[i].M.Embedding, faces[j].M.Embedding));
        Console.WriteLine();
        Console.WriteLine($"## {title}: {genuine.Count} genuine pairs, {impostor.Count} impostor pairs");
        Console.WriteLine($"genuine cosine min {genuine.Min():F3} / mean {genuine.Average():F3}; impostor mean {impostor.Average():F3} / max {impostor.Max():F3}; " +
                          $"d′ = {DPrime(genuine, impostor):F1}");
        Console.WriteLine("| threshold | FAR (false accepts) | FRR (false rejects) |");
        Console.WriteLine("|---:|---:|---:|");
        for (var t = 0.30f; t <= 0.7001f; t += 0.05f)
        {
            var fa = impostor.Count(c => c >= t);
            var fr = genuine.Count(c => c < t);
            Console.WriteLine($"| {t:F2} | {fa}/{impostor.Count} ({100.0 * fa / impostor.Count:F2} %) | {fr}/{genuine.Count} ({100.0 * fr / genuine.Count:F1} %) |");
        }
    }

    /// <summary>The only genuine pair that is two different photographs (not a synthetic variant).</summary>
    private static void ReportCrossSource(List<Face> faces)
    {
        var woman = faces.Where(f => f.Identity == "sample1/3 woman").ToList();
        if (woman.Count == 2)
            Console.WriteLine($"\nsample1/sample3 woman (two different photos): cosine {FaceMath.Cosine(woman[0].M.Embedding, woman[1].M.Embedding):F3}");
    }

    private static void LivenessReport(FaceEngine engine, List<Face> faces, IReadOnlyList<string> samples)
    {
        Console.WriteLine();
        Console.WriteLine("## Liveness (P(live), passive model, per face)");
        Console.WriteLine("| set | n | min | p25 | median | p75 | max | ≥ 0.5 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        void Row(string set, IEnumerable<float> scores)
        {
            var s = scores.Select(v => (double)v).ToList();
            if (s.Count == 0) return;
            Console.WriteLine($"| {set} | {s.Count} | {s.Min():F2} | {Latency.Percentile(s, 25):F2} | {Latency.Percentile(s, 50):F2} | " +
                              $"{Latency.Percentile(s, 75):F2} | {s.Max():F2} | {s.Count(v => v >= 0.5)}/{s.Count} |");
        }
        Row("fixtures (public-domain portraits, scans)", faces.Where(f => !f.Source.Contains(':') && !f.Source.StartsWith("sample", StringComparison.Ordinal)).Select(f => f.M.Liveness));
        Row("fixture variants (resize, JPEG, flip, rotate, dark, blur)", faces.Where(f => f.Source.Contains(':')).Select(f => f.M.Liveness));
        Row("face-api samples (web photos of people)", faces.Where(f => f.Source.StartsWith("sample", StringComparison.Ordinal)).Select(f => f.M.Liveness));
        var sources = samples.Append(Frames.FixturePath("astronaut.png")).Append(Frames.FixturePath("grace_hopper.jpg")).ToList();
        foreach (var (name, spoof) in new (string, Func<byte[], byte[]>)[] { ("print-like copy (faded, warm paper, grain, border)", b => AttackImages.PrintLike(b)), ("screen-like copy (moiré, blue cast, glare)", AttackImages.ScreenLike) })
            Row(name, sources.SelectMany(s => engine.MeasureEveryFace(spoof(File.ReadAllBytes(s))).Select(m => m.Liveness)));
        Console.WriteLine("The synthetic copies are crude stand-ins for real print and replay attacks; no attack set is reachable here.");
    }

    private static double DPrime(List<float> genuine, List<float> impostor)
    {
        static (double Mean, double Var) Stats(List<float> v)
        {
            var m = v.Average(x => (double)x);
            return (m, v.Average(x => (x - m) * (x - m)));
        }
        var (mg, vg) = Stats(genuine);
        var (mi, vi) = Stats(impostor);
        return (mg - mi) / Math.Sqrt((vg + vi) / 2);
    }

    /// <summary>@vladmandic/face-api@1.7.15 demo photos (MIT package; private people — never committed), fetched once into the cache.</summary>
    private static IReadOnlyList<string> FaceApiSamples()
    {
        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var dir = Path.Combine(cacheRoot, "traineval", "face-samples", "face-api-1.7.15");
        var files = Enumerable.Range(1, 6).Select(i => Path.Combine(dir, $"sample{i}.jpg")).ToList();
        if (files.All(File.Exists)) return files;
        Directory.CreateDirectory(dir);
        var work = Directory.CreateTempSubdirectory("face-api-pack-");
        try
        {
            Console.Error.WriteLine($"Fetching @vladmandic/face-api@1.7.15 samples with npm pack into {dir} …");
            Exec("npm", ["pack", "@vladmandic/face-api@1.7.15", "--silent"], work.FullName);
            var tgz = Directory.GetFiles(work.FullName, "*.tgz").Single();
            Exec("tar", ["-xzf", tgz, "-C", work.FullName, .. Enumerable.Range(1, 6).Select(i => $"package/demo/sample{i}.jpg")], work.FullName);
            foreach (var f in files) File.Copy(Path.Combine(work.FullName, "package", "demo", Path.GetFileName(f)), f, true);
        }
        finally
        {
            work.Delete(true);
        }
        return files;
    }

    private static void Exec(string file, IEnumerable<string> arguments, string directory)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} exited with {p.ExitCode}.");
    }
}

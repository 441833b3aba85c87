using System.Numerics;
using TrainEval.FaceBench;
using TrainEval.FaceEngine;

var engine = FaceEngine.Load(new FaceEngineOptions());
if (args[0] == "variants")
{
    var png = File.ReadAllBytes(args[1]);
    var reference = engine.Analyze(png).Primary!.Embedding;
    foreach (var (name, bytes) in Variants.Of(png).Concat(Variants.Degraded(png)))
    {
        var a = engine.Analyze(bytes);
        var p = a.Primary;
        Console.WriteLine($"{name,-10} faces={a.Faces.Count} q={a.Quality.Issue} sharp={a.Quality.Sharpness:F0} bright={a.Quality.Brightness:F0} " +
            (p is null ? "" : $"w={p.Box.Width:F0} cos={FaceMath.Cosine(reference, p.Embedding):F3} norm={p.EmbeddingNorm:F2} live={p.Liveness:F2} yaw={p.Yaw:F0} eyes={p.LeftEyeOpen:F2}/{p.RightEyeOpen:F2}"));
    }
    return;
}
if (args[0] == "probe")
{
    foreach (var path in args.Skip(1))
    {
        var all = engine.MeasureEveryFace(File.ReadAllBytes(path));
        Console.WriteLine($"{Path.GetFileName(path)} faces={all.Count} " + string.Join(" ", all.Select(p => $"[s={p.Box.Score:F3} yaw={p.Yaw:F0} pitch={p.Pitch:F0} roll={p.Roll:F0} live={p.Liveness:F2}]")));
    }
}
if (args[0] == "turn")
{
    var png = File.ReadAllBytes(args[1]);
    var reference = engine.Analyze(png).Primary!.Embedding;
    foreach (var deg in new[] { -45f, -40, -35, -30, -25, -20, -10, 0, 10, 20, 25, 30, 35, 40, 45 })
    {
        var box = engine.Analyze(png).Primary!.Box;
        var turned = args.Contains("--plane") ? FakeTurns.TurnedFace(png, deg)
            : FakeTurns.CylinderTurn(png, deg, box.X + box.Width / 2, box.Width * float.Parse(Environment.GetEnvironmentVariable("R") ?? "0.75"));
        var frame = TrainEval.FaceEngine.Testing.Y4mWriter.I420(turned, 640, 480); // exercise the writer too
        var a = engine.Analyze(turned);
        var p = a.Primary;
        Console.WriteLine($"deg={deg,4} q={a.Quality.Issue} " + (p is null ? "no face" : $"yaw={p.Yaw:F1} pitch={p.Pitch:F1} roll={p.Roll:F1} cos={FaceMath.Cosine(reference, p.Embedding):F3} live={p.Liveness:F2} w={p.Box.Width:F0}"));
        if (args.Length > 2) File.WriteAllBytes(Path.Combine(args[2], $"turn{deg}.png"), turned);
    }
}
if (args[0] == "blink")
{
    foreach (var path in args.Skip(1))
    {
        var png = File.ReadAllBytes(path);
        var a = engine.Analyze(png).Primary!;
        var closed = TrainEval.FaceEngine.Testing.FakeCameraImages.ClosedEyes(png, a.Landmarks);
        File.WriteAllBytes("/tmp/fe/closed-" + Path.GetFileNameWithoutExtension(path) + ".png", closed);
        var b = engine.Analyze(closed);
        var p = b.Primary!;
        Console.WriteLine($"{Path.GetFileName(path)} open={a.LeftEyeOpen:F2}/{a.RightEyeOpen:F2} closed={p.LeftEyeOpen:F2}/{p.RightEyeOpen:F2} q={b.Quality.Issue} cos={FaceMath.Cosine(a.Embedding, p.Embedding):F3} live={p.Liveness:F2} yaw={p.Yaw:F0}");
    }
}

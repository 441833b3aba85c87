using TrainEval.FaceEngine;

namespace TrainEval.FaceBench;

// Inside namespace TrainEval.*, "FaceEngine" would bind to the namespace TrainEval.FaceEngine: alias the class here.
using FaceEngine = TrainEval.FaceEngine.FaceEngine;

public static class Probes
{
    public static void Probe(FaceEngine engine, string[] paths)
    {
        foreach (var path in paths)
        {
            var all = engine.MeasureEveryFace(File.ReadAllBytes(path));
            Console.WriteLine($"{Path.GetFileName(path)}: {all.Count} face(s)");
            foreach (var p in all)
                Console.WriteLine($"  box {p.Box.X:F0},{p.Box.Y:F0} w={p.Box.Width:F0} score={p.Box.Score:F3} person={p.PersonLike} norm={p.EmbeddingNorm:F2} " +
                                  $"live={p.Liveness:F2} yaw={p.Yaw:F0} pitch={p.Pitch:F0} roll={p.Roll:F0} eyes={p.LeftEyeOpen:F2}/{p.RightEyeOpen:F2}");
        }
    }

    /// <summary>Does a 2-D warp of a frontal photo make the pose model read a head turn? (It does not; see BENCHMARKS.md.)</summary>
    public static void Turn(FaceEngine engine, string[] args)
    {
        var png = File.ReadAllBytes(args[0]);
        var plane = args.Contains("--plane");
        var original = engine.Analyze(png).Primary ?? throw new InvalidOperationException("No face in the image.");
        Console.WriteLine($"{Path.GetFileName(args[0])}: {(plane ? "image plane rotated about its vertical axis, perspective (camera at 1.2 × width)" : "face columns as a cylinder rotated about its axis")}");
        Console.WriteLine("| degrees | yaw | pitch | cosine to original | liveness |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var deg in new[] { -40f, -35f, -30f, -25f, -15f, 0f, 15f, 25f, 30f, 35f, 40f })
        {
            var box = original.Box;
            var turned = plane ? FakeTurns.TurnedFace(png, deg) : FakeTurns.CylinderTurn(png, deg, box.X + box.Width / 2, box.Width * 0.75f);
            var p = engine.Analyze(turned).Primary;
            Console.WriteLine(p is null ? $"| {deg} | no face | | | |"
                : $"| {deg} | {p.Yaw:F1} | {p.Pitch:F1} | {FaceMath.Cosine(original.Embedding, p.Embedding):F3} | {p.Liveness:F2} |");
        }
    }
}

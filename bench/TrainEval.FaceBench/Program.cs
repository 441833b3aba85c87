using TrainEval.FaceBench;
using TrainEval.FaceEngine;

// Face engine benchmark and evaluation (issue 5; docs/BENCHMARKS.md "Face engine (issue 5)"). Not part of ./test.sh.
//   latency [--iterations 200] [--seconds 15]   per-stage and end-to-end latency per 640×480 frame (warm), p50/p95,
//                                               verifications per second (stored template + 5 frames + Decide)
//   eval                                        FAR/FRR per threshold over every face pair of the fixtures and the
//                                               @vladmandic/face-api samples (fetched with npm pack into the cache),
//                                               liveness score distributions
//   turn IMAGE [--plane]                        pose read on synthetic head turns of a still photo (measurement only)
//   probe IMAGE...                              every face's measurements
//   y4m OUT.y4m IMAGE[:seconds]...              a Chromium fake-camera file (640×480, 15 fps; default 1.5 s per image)
var command = args.FirstOrDefault() ?? "";
var rest = args.Skip(1).ToArray();
using var engine = FaceEngine.Load(new FaceEngineOptions());
switch (command)
{
    case "latency":
        Latency.Run(engine, rest);
        break;
    case "eval":
        Evaluation.Run(engine);
        break;
    case "turn":
        Probes.Turn(engine, rest);
        break;
    case "probe":
        Probes.Probe(engine, rest);
        break;
    case "y4m":
        TrainEval.FaceEngine.Testing.Y4mWriter.WriteFile(rest[0], rest.Skip(1).Select(a =>
        {
            var parts = a.Split(':');
            return (File.ReadAllBytes(parts[0]), parts.Length > 1 ? double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1.5);
        }));
        break;
    default:
        Console.Error.WriteLine("usage: TrainEval.FaceBench latency|eval|turn IMAGE|probe IMAGE...|y4m OUT IMAGE[:seconds]...");
        return 2;
}
return 0;

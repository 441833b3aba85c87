using Microsoft.Extensions.Options;
using TrainEval.FaceEngine;
using Engine = TrainEval.FaceEngine.FaceEngine;

namespace TrainEval.Web.Modules.Verification;

/// <summary>
/// The process's one face engine (ONNX sessions are loaded once and shared). Loaded lazily so the site starts even when
/// the models are missing — then every capture gets a clear "engine unavailable" answer (a retry, IDV-03 "no result")
/// and the health page names the missing file. Inference runs on the thread pool, at most one per core at a time.
/// </summary>
public sealed class FaceService : IDisposable
{
    private readonly Lazy<(Engine? Engine, string? Problem)> engine;
    private readonly SemaphoreSlim gate = new(Math.Max(1, Environment.ProcessorCount));
    private readonly VerificationOptions options;

    public FaceService(IOptions<VerificationOptions> options, ILogger<FaceService> log)
    {
        this.options = options.Value;
        engine = new(() =>
        {
            try
            {
                return (Engine.Load(new FaceEngineOptions
                {
                    ModelsDirectory = string.IsNullOrWhiteSpace(this.options.ModelsDirectory) ? null : this.options.ModelsDirectory,
                    MaxImageBytes = Math.Max(this.options.MaxFrameBytes, this.options.MaxPhotoBytes),
                }), null);
            }
            catch (FaceModelsMissingException e)
            {
                log.LogError("Face engine unavailable: {Message}", e.Message);
                return (null, e.Message);
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsAvailable => engine.Value.Engine is not null;
    public string? Problem => engine.Value.Problem;
    public string ModelVersion => engine.Value.Engine?.ModelVersion ?? "unavailable";

    public VerificationPolicy Policy => new()
    {
        MatchThreshold = options.MatchThreshold, LivenessThreshold = options.LivenessThreshold, MaxFrontalYaw = options.MaxFrontalYaw,
        TurnYaw = options.TurnYaw, MinFaceWidth = options.MinFaceWidth, MinFrames = options.MinFrames,
    };

    public Task<ReferenceResult> CreateReferenceAsync(byte[] photo, CancellationToken ct) => RunAsync(e => e.CreateReference(photo), ct);

    public Task<IReadOnlyList<FaceAnalysis>> AnalyzeAsync(IReadOnlyList<byte[]> frames, CancellationToken ct)
        => RunAsync(e => (IReadOnlyList<FaceAnalysis>)[.. frames.Select(f => e.Analyze(f))], ct);

    private async Task<T> RunAsync<T>(Func<Engine, T> work, CancellationToken ct)
    {
        var e = engine.Value.Engine ?? throw new FaceEngineUnavailableException(engine.Value.Problem ?? "The face engine is not loaded.");
        await gate.WaitAsync(ct);
        try { return await Task.Run(() => work(e), ct); }
        finally { gate.Release(); }
    }

    public void Dispose()
    {
        if (engine.IsValueCreated) engine.Value.Engine?.Dispose();
        gate.Dispose();
    }
}

public sealed class FaceEngineUnavailableException(string message) : Exception(message);

/// <summary>The active challenges, as the capture page and the decision log name them.</summary>
public static class Challenges
{
    public static Challenge Parse(string code) => code switch
    {
        "blink" => Challenge.Blink,
        "turn-left" => Challenge.TurnLeft,
        "turn-right" => Challenge.TurnRight,
        _ => Challenge.None,
    };

    public static string Instruction(string code) => code switch
    {
        "blink" => "请正对摄像头，缓慢眨眼两次",
        "turn-left" => "请正对摄像头，然后缓慢向左转头",
        "turn-right" => "请正对摄像头，然后缓慢向右转头",
        _ => "请正对摄像头，保持不动",
    };

    public static string Label(string code) => code switch
    {
        "blink" => "眨眼",
        "turn-left" => "向左转头",
        "turn-right" => "向右转头",
        "" => "—",
        _ => "无动作",
    };
}

namespace TrainEval.Web.Modules.Verification;

/// <summary>Configuration section <c>Verification</c> (README "Face verification"). Thresholds are recorded with every decision.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>Where the ONNX models are; empty = the folder the build copied next to the app.</summary>
    public string ModelsDirectory { get; set; } = "";
    public float MatchThreshold { get; set; } = 0.50f;
    public float LivenessThreshold { get; set; } = 0.50f;
    public float MaxFrontalYaw { get; set; } = 25f;
    public float TurnYaw { get; set; } = 15f;
    public int MinFaceWidth { get; set; } = 80;
    public int MinFrames { get; set; } = 3;
    /// <summary>Frames the capture page sends (it spreads them over the challenge).</summary>
    public int Frames { get; set; } = 8;
    /// <summary>Active challenges chosen at random per capture, comma-separated: blink, turn-left, turn-right ("none" = no challenge —
    /// weaker against photos and replays; only for evaluation and tests).</summary>
    public string Challenges { get; set; } = "blink,turn-left,turn-right";

    public string[] ChallengeList => [.. Challenges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(c => c is "blink" or "turn-left" or "turn-right" or "none").DefaultIfEmpty("none")];
    /// <summary>Retries allowed in one context (login session, unit, sitting) before a retry becomes a failure.</summary>
    public int MaxRetries { get; set; } = 3;
    /// <summary>Failures of one learner within a day that send the pattern to manual review.</summary>
    public int ReviewAfterFailures { get; set; } = 3;
    public int CaptureMinutes { get; set; } = 5;
    public int MaxFrameBytes { get; set; } = 1024 * 1024;
    public int MaxPhotoBytes { get; set; } = 4 * 1024 * 1024;
    /// <summary>Monitor: alert when (failures + retries) / checks in an hour exceeds this, with at least <see cref="AlertMinChecks"/> checks.</summary>
    public double AlertFailureRate { get; set; } = 0.30;
    public int AlertMinChecks { get; set; } = 20;
    /// <summary>Learners with a face reference must pass a check after each login before they use the platform.</summary>
    public bool RequireAtLogin { get; set; } = true;
}

namespace TrainEval.FaceEngine;

/// <summary>Decision thresholds; bound from configuration by the host. Every decision records the two thresholds.</summary>
public sealed class VerificationPolicy
{
    /// <summary>Cosine of the reference template and the frames (mean over usable frames). Notes: 0 false accepts of 2 653 impostor pairs and 0 false rejects of 78 genuine pairs at 0.50.</summary>
    public float MatchThreshold { get; set; } = 0.50f;

    /// <summary>Mean passive-liveness probability over the frames that show a face.</summary>
    public float LivenessThreshold { get; set; } = 0.5f;

    /// <summary>Frames with |yaw| above this do not count for matching (they may count for a head-turn challenge).</summary>
    public float MaxFrontalYaw { get; set; } = 25f;

    public float MaxFrontalPitch { get; set; } = 30f;

    /// <summary>
    /// A head-turn challenge needs a frame with |yaw| beyond this in the asked direction AND at least this far from the
    /// person's own frontal yaw (median of the usable frames), so a head held slightly turned all along does not count.
    /// Measured: deliberately frontal portraits read |yaw| ≤ 6, casual group-photo poses up to ±20 (hence the relative
    /// condition), clearly turned faces 24–53; 2-D warps of a still photo (perspective tilt, cylinder) stay within ±12,
    /// so a photo tilted in front of the camera does not meet the challenge.
    /// </summary>
    public float TurnYaw { get; set; } = 15f;

    public int MinFaceWidth { get; set; } = 80;

    /// <summary>Usable (frontal, sharp, one face, large enough) frames needed for a decision.</summary>
    public int MinFrames { get; set; } = 3;

    /// <summary>Eye-open probability below which an eye counts as closed (blink challenge).</summary>
    public float EyeClosedBelow { get; set; } = 0.5f;

    /// <summary>
    /// A challenge frame (a turned head, closed eyes) only counts when its face matches the frontal frames at least this
    /// well — a turned face of the same person scores lower than a frontal one, a swapped face near 0.
    /// </summary>
    public float ChallengeMatchThreshold { get; set; } = 0.30f;
}

public enum Challenge { None, Blink, TurnLeft, TurnRight }

public enum Outcome { Pass, Retry, Fail }

public enum DecisionReason { Matched, NoImage, NotAnImage, NoFace, MultipleFaces, FaceTooSmall, PoseOutOfRange, PoorImage, TooFewFrames, ChallengeNotMet, Mismatch, SpoofSuspected }

public sealed record FrameResult(int Index, FaceAnalysis Analysis);

/// <param name="Similarity">Mean cosine of the usable frames against the reference (null when no frame was usable).</param>
/// <param name="Liveness">Mean liveness of the frames showing a face (null when none did).</param>
public sealed record Decision(
    Outcome Outcome,
    DecisionReason Reason,
    float? Similarity,
    float? Liveness,
    bool ChallengeMet,
    Challenge Challenge,
    float MatchThreshold,
    float LivenessThreshold,
    string ModelVersion,
    IReadOnlyList<FrameResult> Frames);

/// <summary>
/// The decision policy (IDV-03): pure and deterministic given the measurements. Order: unusable capture → Retry with
/// its reason; challenge not met → Retry; a frame of another person, or similarity below the threshold → Fail
/// (Mismatch); mean liveness below the threshold → Fail (SpoofSuspected); else Pass. Repeated-failure limits are the
/// caller's job.
/// </summary>
public static class FaceVerifier
{
    private enum FrameUse { Usable, Unreadable, NoFace, MultipleFaces, TooSmall, Turned, Poor }

    public static Decision Decide(ReadOnlySpan<float> referenceTemplate, IReadOnlyList<FaceAnalysis> frames, Challenge challenge,
        VerificationPolicy policy, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(policy);
        var results = frames.Select((f, i) => new FrameResult(i, f)).ToList();
        var uses = frames.Select(f => Classify(f, policy)).ToList();
        foreach (var f in frames)
            if (f.Primary is { } p && p.Embedding.Length != referenceTemplate.Length)
                throw new ArgumentException($"Reference template has {referenceTemplate.Length} values, frame embeddings {p.Embedding.Length}.", nameof(referenceTemplate));

        var usable = Enumerable.Range(0, frames.Count).Where(i => uses[i] == FrameUse.Usable).ToList();
        float? similarity = null;
        if (usable.Count > 0)
        {
            double sum = 0;
            foreach (var i in usable) sum += FaceMath.Cosine(referenceTemplate, frames[i].Primary!.Embedding);
            similarity = (float)(sum / usable.Count);
        }
        var withFace = Enumerable.Range(0, frames.Count)
            .Where(i => uses[i] is not (FrameUse.Unreadable or FrameUse.NoFace or FrameUse.MultipleFaces)).ToList();
        float? liveness = withFace.Count > 0 ? withFace.Average(i => frames[i].Primary!.Liveness) : null;

        Decision Make(Outcome outcome, DecisionReason reason, bool challengeMet) =>
            new(outcome, reason, similarity, liveness, challengeMet, challenge, policy.MatchThreshold, policy.LivenessThreshold, modelVersion, results);

        if (frames.Count == 0) return Make(Outcome.Retry, DecisionReason.NoImage, false);
        if (uses.Contains(FrameUse.MultipleFaces)) return Make(Outcome.Retry, DecisionReason.MultipleFaces, false);
        if (usable.Count < policy.MinFrames) return Make(Outcome.Retry, RetryReason(uses, challenge), false);

        var frontalMean = MeanEmbedding(usable.Select(i => frames[i].Primary!.Embedding));
        if (!ChallengeMet(frames, uses, usable, frontalMean, challenge, policy)) return Make(Outcome.Retry, DecisionReason.ChallengeNotMet, false);

        // The same person throughout: each usable frame against the mean of the others.
        foreach (var i in usable)
        {
            var others = MeanEmbedding(usable.Where(j => j != i).Select(j => frames[j].Primary!.Embedding));
            if (FaceMath.Cosine(frames[i].Primary!.Embedding, others) < policy.MatchThreshold) return Make(Outcome.Fail, DecisionReason.Mismatch, true);
        }
        if (similarity < policy.MatchThreshold) return Make(Outcome.Fail, DecisionReason.Mismatch, true);
        if (liveness < policy.LivenessThreshold) return Make(Outcome.Fail, DecisionReason.SpoofSuspected, true);
        return Make(Outcome.Pass, DecisionReason.Matched, true);
    }

    private static FrameUse Classify(FaceAnalysis f, VerificationPolicy policy)
    {
        if (f.Problem != ImageProblem.None) return FrameUse.Unreadable;
        if (f.Quality.Issue == QualityIssue.MultipleFaces) return FrameUse.MultipleFaces;
        if (f.Faces.Count == 0 || f.Primary is not { PersonLike: true } p || p.Embedding.Length == 0) return FrameUse.NoFace;
        if (p.Box.Width < policy.MinFaceWidth) return FrameUse.TooSmall;
        if (Math.Abs(p.Yaw) > policy.MaxFrontalYaw || Math.Abs(p.Pitch) > policy.MaxFrontalPitch) return FrameUse.Turned;
        if (f.Quality.Issue is QualityIssue.TooBlurry or QualityIssue.TooDark or QualityIssue.TooBright) return FrameUse.Poor;
        return FrameUse.Usable;
    }

    /// <summary>Too few usable frames: the most frequent problem (ties in this order), or TooFewFrames.</summary>
    private static DecisionReason RetryReason(List<FrameUse> uses, Challenge challenge)
    {
        (FrameUse Use, DecisionReason Reason)[] order =
        [
            (FrameUse.Unreadable, DecisionReason.NotAnImage),
            (FrameUse.NoFace, DecisionReason.NoFace),
            (FrameUse.TooSmall, DecisionReason.FaceTooSmall),
            (FrameUse.Turned, DecisionReason.PoseOutOfRange),
            (FrameUse.Poor, DecisionReason.PoorImage),
        ];
        var best = DecisionReason.TooFewFrames;
        var bestCount = 0;
        foreach (var (use, reason) in order)
        {
            // Turned frames are expected during a head-turn challenge: not a reason by themselves.
            if (use == FrameUse.Turned && challenge is Challenge.TurnLeft or Challenge.TurnRight) continue;
            var count = uses.Count(u => u == use);
            if (count > bestCount) { best = reason; bestCount = count; }
        }
        return best;
    }

    private static bool ChallengeMet(IReadOnlyList<FaceAnalysis> frames, List<FrameUse> uses, List<int> usable, float[] frontalMean,
        Challenge challenge, VerificationPolicy policy)
    {
        if (challenge == Challenge.None) return true;
        // Frames that may show the challenge: the same person (against the frontal mean), face large enough.
        var candidates = Enumerable.Range(0, frames.Count)
            .Where(i => uses[i] is FrameUse.Usable or FrameUse.Turned)
            .Select(i => frames[i].Primary!)
            .Where(p => FaceMath.Cosine(p.Embedding, frontalMean) >= policy.ChallengeMatchThreshold)
            .ToList();
        switch (challenge)
        {
            case Challenge.Blink:
                var closed = candidates.Any(p => p.LeftEyeOpen < policy.EyeClosedBelow && p.RightEyeOpen < policy.EyeClosedBelow);
                var open = candidates.Any(p => p.LeftEyeOpen >= policy.EyeClosedBelow && p.RightEyeOpen >= policy.EyeClosedBelow);
                return closed && open;
            case Challenge.TurnLeft:
            case Challenge.TurnRight:
                // Turning to one's own left gives negative yaw (FaceMeasurement.Yaw).
                var sign = challenge == Challenge.TurnLeft ? -1f : 1f;
                var frontalYaw = Median(usable.Select(i => frames[i].Primary!.Yaw));
                return candidates.Any(p => sign * p.Yaw > policy.TurnYaw && sign * (p.Yaw - frontalYaw) >= policy.TurnYaw);
            default:
                return false;
        }
    }

    private static float[] MeanEmbedding(IEnumerable<float[]> embeddings)
    {
        float[]? sum = null;
        foreach (var e in embeddings)
        {
            sum ??= new float[e.Length];
            for (var k = 0; k < e.Length; k++) sum[k] += e[k];
        }
        sum ??= [];
        FaceMath.L2Normalize(sum);
        return sum;
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return 0;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

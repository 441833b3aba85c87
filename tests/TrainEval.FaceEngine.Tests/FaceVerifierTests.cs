namespace TrainEval.FaceEngine.Tests;

/// <summary>The decision policy (IDV-03) on synthetic measurements: every outcome and reason, no models.</summary>
public sealed class FaceVerifierTests
{
    private const string Version = "test-model@1";
    private static readonly VerificationPolicy Policy = new();
    private static readonly float[] PersonA = Person(1);
    private static readonly float[] PersonB = Person(2);

    private static float[] Person(int seed)
    {
        var r = new Random(seed);
        var v = Enumerable.Range(0, 512).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        FaceMath.L2Normalize(v);
        return v;
    }

    /// <summary>The person's embedding with a little per-frame noise (cosine ≈ 0.95 to the clean one).</summary>
    private static float[] Noisy(float[] person, int seed)
    {
        var r = new Random(seed);
        var v = person.Select(x => x + (float)(r.NextDouble() * 2 - 1) * 0.013f).ToArray();
        FaceMath.L2Normalize(v);
        return v;
    }

    private static FaceAnalysis Frame(float[]? person = null, float live = 0.9f, float yaw = 2f, float width = 150, float eyes = 0.98f,
        QualityIssue issue = QualityIssue.None, int faces = 1, ImageProblem problem = ImageProblem.None, bool personLike = true, int seed = 0)
    {
        if (problem != ImageProblem.None) return FaceAnalysis.Unreadable(problem, 1);
        var box = new FaceBox(100, 100, width, width, 0.99f);
        var boxes = Enumerable.Range(0, faces).Select(i => box with { X = 100 + 200 * i }).ToList();
        var primary = faces == 0
            ? null
            : new FaceMeasurement(box, Noisy(person ?? PersonA, seed), live, yaw, -5f, 0f, eyes, eyes) { PersonLike = personLike };
        return new FaceAnalysis(ImageProblem.None, 640, 480, boxes, primary, new FaceQuality(issue, 200, 120), StageTimings.Zero);
    }

    private static List<FaceAnalysis> Frames(int count, Func<int, FaceAnalysis> make) => Enumerable.Range(0, count).Select(make).ToList();

    private static Decision Decide(IReadOnlyList<FaceAnalysis> frames, Challenge challenge = Challenge.None, VerificationPolicy? policy = null) =>
        FaceVerifier.Decide(PersonA, frames, challenge, policy ?? Policy, Version);

    private static void Expect(Outcome outcome, DecisionReason reason, Decision d) => Assert.Equal((outcome, reason), (d.Outcome, d.Reason));

    [Fact]
    public void IDV_03_same_person_live_frontal_frames_pass_and_the_decision_records_thresholds_and_model()
    {
        var d = Decide(Frames(5, i => Frame(seed: i)));
        Expect(Outcome.Pass, DecisionReason.Matched, d);
        Assert.InRange(d.Similarity!.Value, 0.9f, 1f);
        Assert.Equal(0.9f, d.Liveness!.Value, 3);
        Assert.True(d.ChallengeMet);
        Assert.Equal((0.50f, 0.5f, Version), (d.MatchThreshold, d.LivenessThreshold, d.ModelVersion));
        Assert.Equal(5, d.Frames.Count);
        Assert.Equal(4, d.Frames[4].Index);
    }

    [Fact]
    public void IDV_03_no_frames_is_retry_no_image() => Expect(Outcome.Retry, DecisionReason.NoImage, Decide([]));

    [Fact]
    public void IDV_03_unreadable_frames_are_retry_not_an_image() =>
        Expect(Outcome.Retry, DecisionReason.NotAnImage, Decide(Frames(5, i => i < 2 ? Frame(seed: i) : Frame(problem: ImageProblem.NotAnImage))));

    [Fact]
    public void IDV_03_frames_without_a_face_are_retry_no_face() =>
        Expect(Outcome.Retry, DecisionReason.NoFace, Decide(Frames(5, i => i == 0 ? Frame() : Frame(faces: 0, issue: QualityIssue.NoFace))));

    [Fact]
    public void IDV_03_a_non_human_face_counts_as_no_face() =>
        Expect(Outcome.Retry, DecisionReason.NoFace, Decide(Frames(5, i => Frame(personLike: false, issue: QualityIssue.NoFace, seed: i))));

    [Fact]
    public void IDV_03_a_second_face_in_any_frame_is_retry_multiple_faces() =>
        Expect(Outcome.Retry, DecisionReason.MultipleFaces, Decide(Frames(5, i => i == 3 ? Frame(faces: 2, issue: QualityIssue.MultipleFaces) : Frame(seed: i))));

    [Fact]
    public void IDV_03_small_faces_are_retry_face_too_small() =>
        Expect(Outcome.Retry, DecisionReason.FaceTooSmall, Decide(Frames(5, i => Frame(width: 60, seed: i))));

    [Fact]
    public void IDV_03_turned_heads_are_retry_pose_out_of_range() =>
        Expect(Outcome.Retry, DecisionReason.PoseOutOfRange, Decide(Frames(5, i => Frame(yaw: 40, seed: i))));

    [Fact]
    public void IDV_03_blurred_dark_or_overexposed_frames_are_retry_poor_image()
    {
        QualityIssue[] issues = [QualityIssue.TooBlurry, QualityIssue.TooDark, QualityIssue.TooBright];
        Expect(Outcome.Retry, DecisionReason.PoorImage, Decide(Frames(3, i => Frame(issue: issues[i], seed: i))));
    }

    [Fact]
    public void IDV_03_fewer_usable_frames_than_required_is_retry_too_few_frames()
    {
        Expect(Outcome.Retry, DecisionReason.TooFewFrames, Decide(Frames(2, i => Frame(seed: i))));
        Expect(Outcome.Pass, DecisionReason.Matched, Decide(Frames(2, i => Frame(seed: i)), policy: new VerificationPolicy { MinFrames = 2 }));
    }

    [Fact]
    public void IDV_03_another_person_is_fail_mismatch()
    {
        var d = Decide(Frames(5, i => Frame(PersonB, seed: i)));
        Expect(Outcome.Fail, DecisionReason.Mismatch, d);
        Assert.InRange(d.Similarity!.Value, -0.3f, 0.3f);
    }

    [Fact]
    public void IDV_03_a_frame_of_someone_else_among_matching_frames_is_fail_mismatch() =>
        Expect(Outcome.Fail, DecisionReason.Mismatch, Decide(Frames(5, i => Frame(i == 2 ? PersonB : PersonA, seed: i))));

    [Fact]
    public void IDV_03_low_mean_liveness_is_fail_spoof_suspected()
    {
        var d = Decide(Frames(5, i => Frame(live: i == 0 ? 0.9f : 0.3f, seed: i)));
        Expect(Outcome.Fail, DecisionReason.SpoofSuspected, d);
        Assert.Equal((0.9f + 4 * 0.3f) / 5, d.Liveness!.Value, 3);
    }

    [Fact]
    public void IDV_03_mismatch_is_reported_before_spoof() =>
        Expect(Outcome.Fail, DecisionReason.Mismatch, Decide(Frames(5, i => Frame(PersonB, live: 0.1f, seed: i))));

    [Fact]
    public void IDV_01_blink_needs_a_closed_and_an_open_frame()
    {
        var blink = Frames(5, i => Frame(eyes: i == 2 ? 0.05f : 0.98f, seed: i));
        var d = Decide(blink, Challenge.Blink);
        Expect(Outcome.Pass, DecisionReason.Matched, d);
        Assert.True(d.ChallengeMet);
        Expect(Outcome.Retry, DecisionReason.ChallengeNotMet, Decide(Frames(5, i => Frame(seed: i)), Challenge.Blink));
        Expect(Outcome.Retry, DecisionReason.ChallengeNotMet, Decide(Frames(5, i => Frame(eyes: 0.05f, seed: i)), Challenge.Blink));
    }

    [Fact]
    public void IDV_01_turn_left_needs_a_negative_yaw_beyond_turn_yaw()
    {
        // Turning to one's own left: negative yaw. The turned frames do not count for matching but do not spoil it.
        var left = Frames(6, i => Frame(yaw: i >= 4 ? -35f : 3f, seed: i));
        var d = Decide(left, Challenge.TurnLeft);
        Expect(Outcome.Pass, DecisionReason.Matched, d);
        Expect(Outcome.Retry, DecisionReason.ChallengeNotMet, Decide(left, Challenge.TurnRight));
        var right = Frames(6, i => Frame(yaw: i >= 4 ? 30f : 3f, seed: i));
        Expect(Outcome.Pass, DecisionReason.Matched, Decide(right, Challenge.TurnRight));
        // Not far enough.
        Expect(Outcome.Retry, DecisionReason.ChallengeNotMet, Decide(Frames(6, i => Frame(yaw: i >= 4 ? -12f : 3f, seed: i)), Challenge.TurnLeft));
    }

    [Fact]
    public void IDV_01_a_head_held_turned_all_along_does_not_meet_the_turn()
    {
        // Frontal frames at −18° (within MaxFrontalYaw) and "turned" frames at −22°: beyond TurnYaw but not a movement.
        var frames = Frames(6, i => Frame(yaw: i >= 4 ? -22f : -18f, seed: i));
        Expect(Outcome.Retry, DecisionReason.ChallengeNotMet, Decide(frames, Challenge.TurnLeft));
    }

    [Fact]
    public void IDV_01_the_turn_must_be_made_by_the_same_person()
    {
        var frames = Frames(6, i => i >= 4 ? Frame(PersonB, yaw: -35f, seed: i) : Frame(yaw: 2f, seed: i));
        Expect(Outcome.Retry, DecisionReason.ChallengeNotMet, Decide(frames, Challenge.TurnLeft));
    }

    [Fact]
    public void IDV_01_turned_frames_are_not_a_retry_reason_during_a_turn_challenge() =>
        Expect(Outcome.Retry, DecisionReason.TooFewFrames, Decide(Frames(4, i => Frame(yaw: i >= 2 ? -35f : 2f, seed: i)), Challenge.TurnLeft));

    [Fact]
    public void IDV_03_thresholds_come_from_the_policy()
    {
        var frames = Frames(5, i => Frame(live: 0.6f, seed: i));
        Expect(Outcome.Pass, DecisionReason.Matched, Decide(frames));
        var strict = new VerificationPolicy { LivenessThreshold = 0.7f };
        var d = Decide(frames, policy: strict);
        Expect(Outcome.Fail, DecisionReason.SpoofSuspected, d);
        Assert.Equal(0.7f, d.LivenessThreshold);
        Expect(Outcome.Retry, DecisionReason.FaceTooSmall, Decide(frames, policy: new VerificationPolicy { MinFaceWidth = 200 }));
    }

    [Fact]
    public void IDV_03_a_template_of_the_wrong_length_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => FaceVerifier.Decide(new float[128], Frames(3, i => Frame(seed: i)), Challenge.None, Policy, Version));
}

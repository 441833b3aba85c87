namespace TrainEval.Web.Modules.Verification;

public enum ConsentDecision { Granted = 1, Refused = 2, Withdrawn = 3 }

/// <summary>
/// The learner's separate consent to face processing (2025 face-recognition rules; IDV-06). Append-only: the latest
/// record per learner is the current decision; the exact text version and its hash are kept with it.
/// </summary>
public sealed class FaceConsent
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public ConsentDecision Decision { get; private set; }
    public string TextVersion { get; private set; } = "";
    public string TextSha256 { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string Ip { get; private set; } = "";
    public string Device { get; private set; } = "";

    private FaceConsent() { }

    public static FaceConsent Record(Guid learnerId, ConsentDecision decision, string version, string sha, string ip, string device, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), LearnerId = learnerId, Decision = decision, TextVersion = version, TextSha256 = sha,
        Ip = Clip(ip, 64), Device = Clip(device, 300), AtUtc = nowUtc,
    };

    internal static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

public enum ReferenceSource { EnrollmentPhoto = 1, Upload = 2, OnSiteCapture = 3 }

/// <summary>
/// The reference face a live capture is compared with: a 512-d template and the photo it came from, both encrypted with
/// a key of their own (<see cref="BiometricVault"/>). Never edited: a new reference retires the previous one.
/// </summary>
public sealed class FaceReference
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public ReferenceSource Source { get; private set; }
    /// <summary>Where the photo came from (enrollment material id) — for the record, not a copy of it.</summary>
    public string SourceRef { get; private set; } = "";
    /// <summary>The record's own data key, wrapped with the platform key ring (purpose bound to this id).</summary>
    public string WrappedKey { get; private set; } = "";
    public byte[] TemplateCipher { get; private set; } = [];
    /// <summary>The encrypted photo in the file store.</summary>
    public string PhotoFileKey { get; private set; } = "";
    public string ModelVersion { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTime? RetiredAtUtc { get; private set; }
    public string RetiredReason { get; private set; } = "";

    private FaceReference() { }

    internal static FaceReference Create(Guid id, Guid learnerId, ReferenceSource source, string sourceRef, string wrappedKey, byte[] templateCipher,
        string photoFileKey, string modelVersion, Guid createdBy, DateTime nowUtc) => new()
    {
        Id = id, LearnerId = learnerId, Source = source, SourceRef = sourceRef, WrappedKey = wrappedKey, TemplateCipher = templateCipher,
        PhotoFileKey = photoFileKey, ModelVersion = modelVersion, CreatedBy = createdBy, CreatedAtUtc = nowUtc,
    };

    public void Retire(string reason, DateTime nowUtc)
    {
        RetiredAtUtc ??= nowUtc;
        RetiredReason = FaceConsent.Clip(reason, 200);
    }
}

/// <summary>Where a check is required (IDV-02).</summary>
public enum CheckContext { Login = 1, Learning = 2, Exam = 3, Makeup = 4, Reentry = 5, Trial = 6, AlternativePath = 7 }

public enum CheckMethod { Face = 1, Manual = 2 }

public enum CheckOutcome { Pass = 1, Retry = 2, Fail = 3 }

/// <summary>
/// One capture the server has asked for: a nonce bound to the learner, the context and a random active challenge.
/// Frames are accepted once, before it expires, from the learner it was issued to (replayed frames find it used).
/// </summary>
public sealed class CaptureSession
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public CheckContext Context { get; private set; }
    public Guid? ProjectId { get; private set; }
    /// <summary>The unit, sitting or login session the check belongs to (IDV-02: never reused across them).</summary>
    public string ContextRef { get; private set; } = "";
    public string Challenge { get; private set; } = "";
    public DateTime IssuedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public string ReturnUrl { get; private set; } = "";

    private CaptureSession() { }

    public static CaptureSession Issue(Guid learnerId, CheckContext context, Guid? projectId, string contextRef, string challenge, string returnUrl,
        DateTime nowUtc, TimeSpan ttl) => new()
    {
        Id = Guid.NewGuid(), LearnerId = learnerId, Context = context, ProjectId = projectId, ContextRef = FaceConsent.Clip(contextRef, 100),
        Challenge = challenge, ReturnUrl = FaceConsent.Clip(returnUrl, 300), IssuedAtUtc = nowUtc, ExpiresAtUtc = nowUtc + ttl,
    };

    public void MarkUsed(DateTime nowUtc) => UsedAtUtc ??= nowUtc;
}

public enum ReviewState { None = 0, Queued = 1, Reviewed = 2 }

/// <summary>
/// The decision log (IDV-04): one row per decision — face or manual — with the thresholds and model version that
/// produced it, scores, device, IP and a reference to the encrypted frames. Never edited except the review marker;
/// a reviewer's override is an <see cref="IdentityReview"/> next to it.
/// </summary>
public sealed class IdentityDecision
{
    public Guid Id { get; private set; }
    public Guid? CaptureId { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid? ProjectId { get; private set; }
    public Guid? InstitutionId { get; private set; }
    public CheckContext Context { get; private set; }
    public string ContextRef { get; private set; } = "";
    public CheckMethod Method { get; private set; }
    public CheckOutcome Outcome { get; private set; }
    /// <summary>Reason code (engine's DecisionReason, or retry-limit / manual codes).</summary>
    public string Reason { get; private set; } = "";
    public double? Similarity { get; private set; }
    public double? Liveness { get; private set; }
    public double MatchThreshold { get; private set; }
    public double LivenessThreshold { get; private set; }
    public string Challenge { get; private set; } = "";
    public bool ChallengeMet { get; private set; }
    public string ModelVersion { get; private set; } = "";
    public int FrameCount { get; private set; }
    public string FramesFileKey { get; private set; } = "";
    public string WrappedKey { get; private set; } = "";
    public Guid? ReferenceId { get; private set; }
    public string Ip { get; private set; } = "";
    public string Device { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    /// <summary>Who decided a manual check (empty for the engine).</summary>
    public string DecidedByName { get; private set; } = "";
    public string Note { get; private set; } = "";
    public ReviewState Review { get; private set; }
    public string ReviewFlag { get; private set; } = "";

    private IdentityDecision() { }

    internal static IdentityDecision Face(Guid id, CaptureSession capture, Guid? institutionId, CheckOutcome outcome, string reason, double? similarity,
        double? liveness, double matchThreshold, double livenessThreshold, bool challengeMet, string modelVersion, int frames, string framesKey,
        string wrappedKey, Guid? referenceId, string ip, string device, DateTime nowUtc) => new()
    {
        Id = id, CaptureId = capture.Id, LearnerId = capture.LearnerId, ProjectId = capture.ProjectId, InstitutionId = institutionId,
        Context = capture.Context, ContextRef = capture.ContextRef, Method = CheckMethod.Face, Outcome = outcome, Reason = reason,
        Similarity = similarity, Liveness = liveness, MatchThreshold = matchThreshold, LivenessThreshold = livenessThreshold,
        Challenge = capture.Challenge, ChallengeMet = challengeMet, ModelVersion = modelVersion, FrameCount = frames, FramesFileKey = framesKey,
        WrappedKey = wrappedKey, ReferenceId = referenceId, Ip = FaceConsent.Clip(ip, 64), Device = FaceConsent.Clip(device, 300), AtUtc = nowUtc,
    };

    internal static IdentityDecision Manual(Guid learnerId, Guid? projectId, Guid? institutionId, CheckContext context, string contextRef, CheckOutcome outcome,
        string reason, string staffName, string note, string ip, string device, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), LearnerId = learnerId, ProjectId = projectId, InstitutionId = institutionId, Context = context,
        ContextRef = FaceConsent.Clip(contextRef, 100), Method = CheckMethod.Manual, Outcome = outcome, Reason = reason, DecidedByName = FaceConsent.Clip(staffName, 100),
        Note = FaceConsent.Clip(note, 1000), Ip = FaceConsent.Clip(ip, 64), Device = FaceConsent.Clip(device, 300), AtUtc = nowUtc,
    };

    public void QueueForReview(string flag)
    {
        if (Review != ReviewState.None) return;
        Review = ReviewState.Queued;
        ReviewFlag = FaceConsent.Clip(flag, 200);
    }

    public void MarkReviewed() => Review = ReviewState.Reviewed;
}

public enum ReviewVerdict { Upheld = 1, OverturnedToPass = 2, OverturnedToFail = 3 }

/// <summary>A reviewer's decision on a queued identity decision; the original decision stays as it was.</summary>
public sealed class IdentityReview
{
    public Guid Id { get; private set; }
    public Guid DecisionId { get; private set; }
    public ReviewVerdict Verdict { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid ReviewerId { get; private set; }
    public string ReviewerName { get; private set; } = "";
    public DateTime AtUtc { get; private set; }

    private IdentityReview() { }

    public static IdentityReview Record(Guid decisionId, ReviewVerdict verdict, string reason, Guid reviewerId, string reviewerName, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), DecisionId = decisionId, Verdict = verdict, Reason = FaceConsent.Clip(reason, 1000), ReviewerId = reviewerId,
        ReviewerName = FaceConsent.Clip(reviewerName, 100), AtUtc = nowUtc,
    };
}

/// <summary>An operator alert raised by the failure-rate monitor (IDV-05), acknowledged by a person.</summary>
public sealed class FaceAlert
{
    public Guid Id { get; private set; }
    public Guid? InstitutionId { get; private set; }
    public DateTime HourStartUtc { get; private set; }
    public int Checks { get; private set; }
    public int Failures { get; private set; }
    public int Retries { get; private set; }
    public double Threshold { get; private set; }
    public DateTime RaisedAtUtc { get; private set; }
    public DateTime? AcknowledgedAtUtc { get; private set; }
    public string AcknowledgedByName { get; private set; } = "";
    public string AcknowledgeNote { get; private set; } = "";

    private FaceAlert() { }

    public static FaceAlert Raise(Guid? institutionId, DateTime hourStartUtc, int checks, int failures, int retries, double threshold, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), InstitutionId = institutionId, HourStartUtc = hourStartUtc, Checks = checks, Failures = failures, Retries = retries,
        Threshold = threshold, RaisedAtUtc = nowUtc,
    };

    public double FailureRate => Checks == 0 ? 0 : (double)(Failures + Retries) / Checks;

    public void Acknowledge(string byName, string note, DateTime nowUtc)
    {
        AcknowledgedAtUtc ??= nowUtc;
        AcknowledgedByName = FaceConsent.Clip(byName, 100);
        AcknowledgeNote = FaceConsent.Clip(note, 500);
    }
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TrainEval.FaceEngine;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Verification;

/// <summary>Where a learner stands: consent, reference face, manual (alternative-path) verification.</summary>
public sealed record IdentityStatus(FaceConsent? Consent, FaceReference? Reference, IdentityDecision? Manual)
{
    public bool ConsentGranted => Consent is { Decision: ConsentDecision.Granted, TextVersion: ConsentText.Version };
    public bool FaceReady => Consent?.Decision == ConsentDecision.Granted && Reference is not null;
    public bool ManualVerified => Manual is { Outcome: CheckOutcome.Pass };
    /// <summary>Identity is established one way or the other (face reference, or staff checked the ID document).</summary>
    public bool Established => FaceReady || ManualVerified;
}

/// <summary>The answer to one capture, for the capture page and the learning player.</summary>
public sealed record CaptureResult(Guid DecisionId, CheckOutcome Outcome, string Reason, string Message, int RetriesLeft, string ReturnUrl, Guid NextCaptureId);

/// <summary>
/// The verification service (IDV-01..06): consent, reference enrollment, capture sessions with a nonce and a random
/// challenge, decisions with retry limits, review flags and the decision log. Every handler writes once.
/// </summary>
public sealed class FaceIdentity(AppDbContext db, FaceService faces, BiometricVault vault, IFileStore files, IEnrollmentApi enrollment,
    AuditLog audit, CurrentUser me, TimeProvider clock, IOptions<VerificationOptions> options, IMemoryCache cache)
{
    private readonly VerificationOptions o = options.Value;

    public async Task<IdentityStatus> StatusAsync(Guid learnerId, CancellationToken ct)
    {
        var consent = await db.Set<FaceConsent>().AsNoTracking().Where(c => c.LearnerId == learnerId).OrderByDescending(c => c.AtUtc).FirstOrDefaultAsync(ct);
        var reference = await db.Set<FaceReference>().AsNoTracking().Where(r => r.LearnerId == learnerId && r.RetiredAtUtc == null)
            .OrderByDescending(r => r.CreatedAtUtc).FirstOrDefaultAsync(ct);
        var manual = await db.Set<IdentityDecision>().AsNoTracking()
            .Where(d => d.LearnerId == learnerId && d.Context == CheckContext.AlternativePath).OrderByDescending(d => d.AtUtc).FirstOrDefaultAsync(ct);
        return new IdentityStatus(consent, reference, manual);
    }

    public async Task<Outcome<FaceConsent>> DecideConsentAsync(bool grant, string version, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        if (grant && version != ConsentText.Version) return Outcome<FaceConsent>.Fail("", "同意书已更新，请阅读最新版本后再确认。");
        var status = await StatusAsync(learnerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = grant ? ConsentDecision.Granted : status.Consent?.Decision == ConsentDecision.Granted ? ConsentDecision.Withdrawn : ConsentDecision.Refused;
        if (!grant && status.Consent?.Decision is ConsentDecision.Refused or ConsentDecision.Withdrawn) return Outcome<FaceConsent>.Fail("", "您已选择不使用人脸核验。");
        if (grant && status.ConsentGranted) return Outcome<FaceConsent>.Fail("", "您已同意，无需重复确认。");
        var record = FaceConsent.Record(learnerId, decision, ConsentText.Version, ConsentText.Sha256, me.Ip, me.UserAgent, now);
        db.Set<FaceConsent>().Add(record);
        if (decision == ConsentDecision.Withdrawn && status.Reference is not null)
        {
            var reference = await db.Set<FaceReference>().FirstAsync(r => r.Id == status.Reference.Id, ct);
            reference.Retire("学员撤回人脸信息处理同意", now);
        }
        audit.Record("idv.consent." + decision.ToString().ToLowerInvariant(), "learner", learnerId.ToString(),
            new { version = ConsentText.Version, sha256 = ConsentText.Sha256 });
        await db.SaveChangesAsync(ct);
        LoginCheckGate.Forget(cache, learnerId);
        return Outcome<FaceConsent>.Success(record);
    }

    /// <summary>Makes the reference face from the learner's enrollment photo, or from an uploaded/captured photo.</summary>
    public async Task<Outcome<FaceReference>> CreateReferenceAsync(Guid learnerId, ReferenceSource source, byte[]? uploaded, CancellationToken ct)
    {
        var status = await StatusAsync(learnerId, ct);
        if (!status.ConsentGranted) return Outcome<FaceReference>.Fail("", "请先阅读并同意人脸信息处理授权。", "no-consent");
        if (!faces.IsAvailable) return Outcome<FaceReference>.Fail("", "人脸核验服务暂不可用，请稍后再试或联系培训机构。", "engine-unavailable");
        byte[] photo;
        var sourceRef = "";
        if (source == ReferenceSource.EnrollmentPhoto)
        {
            var material = await enrollment.GetLatestMaterialAsync(learnerId, "photo", ct);
            if (material is null) return Outcome<FaceReference>.Fail("", "未找到您报名时上传的证件照，请上传一张本人近期正面免冠照片。", "no-photo");
            await using var stream = await files.OpenAsync(material.FileKey, ct);
            if (stream is null) return Outcome<FaceReference>.Fail("", "报名证件照文件缺失，请上传一张本人近期正面免冠照片。", "no-photo");
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            photo = buffer.ToArray();
            sourceRef = material.Id.ToString();
        }
        else
        {
            if (uploaded is null || uploaded.Length == 0) return Outcome<FaceReference>.Fail("Photo", "请选择照片。");
            var (inspected, error) = UploadInspector.Inspect(uploaded, ["jpg", "png"], o.MaxPhotoBytes / 1024);
            if (inspected is null) return Outcome<FaceReference>.Fail("Photo", error!);
            photo = inspected.Content;
        }

        var result = await faces.CreateReferenceAsync(photo, ct);
        if (!result.Accepted || result.Template is null)
        {
            var reason = result.Problem != ImageProblem.None ? "NotAnImage" : result.Issue.ToString();
            return Outcome<FaceReference>.Fail(source == ReferenceSource.EnrollmentPhoto ? "" : "Photo",
                "照片不能用作人脸底照：" + ReasonLabels.Label(reason) + "。请上传一张本人近期正面免冠、光线均匀、只有本人的照片。", "reference-refused");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (status.Reference is not null)
            (await db.Set<FaceReference>().FirstAsync(r => r.Id == status.Reference.Id, ct)).Retire("新的人脸底照取代", now);
        var id = Guid.NewGuid();
        var key = vault.NewKey(id);
        var photoKey = await vault.StoreImagesAsync(key.Key, [photo], ct);
        var reference = FaceReference.Create(id, learnerId, source, sourceRef, key.WrappedKey, BiometricVault.EncryptTemplate(key.Key, result.Template),
            photoKey, faces.ModelVersion, me.UserId ?? learnerId, now);
        CryptographicOperations.ZeroMemory(key.Key);
        db.Set<FaceReference>().Add(reference);
        audit.Record("idv.reference.created", "learner", learnerId.ToString(), new { reference = id, source = source.ToString(), model = faces.ModelVersion });
        await db.SaveChangesAsync(ct);
        LoginCheckGate.Forget(cache, learnerId);
        return Outcome<FaceReference>.Success(reference);
    }

    /// <summary>Issues a capture (nonce + random challenge) for the signed-in learner.</summary>
    public async Task<Outcome<CaptureSession>> IssueCaptureAsync(Guid learnerId, CheckContext context, Guid? projectId, string contextRef, string returnUrl, CancellationToken ct)
    {
        var status = await StatusAsync(learnerId, ct);
        if (!status.FaceReady) return Outcome<CaptureSession>.Fail("", "尚未建立人脸底照：请先在“身份核验”页面同意授权并建立底照，或联系培训机构进行人工核验。", "not-ready");
        var challenge = PickChallenge();
        var capture = CaptureSession.Issue(learnerId, context, projectId, contextRef, challenge, SafeReturnUrl(returnUrl),
            clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(o.CaptureMinutes));
        db.Set<CaptureSession>().Add(capture);
        await db.SaveChangesAsync(ct);
        return Outcome<CaptureSession>.Success(capture);
    }

    /// <summary>
    /// Decides a capture from its frames. The capture must be the caller's, unexpired and unused (it is claimed first,
    /// atomically, so replayed frames are refused). <paramref name="clientProblem"/> records an interrupted capture or
    /// an unavailable camera as a retry without frames.
    /// </summary>
    public async Task<Outcome<CaptureResult>> DecideAsync(Guid captureId, Guid learnerId, IReadOnlyList<byte[]> frames, string? clientProblem, CancellationToken ct)
    {
        var capture = await db.Set<CaptureSession>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == captureId && c.LearnerId == learnerId, ct);
        if (capture is null) return Outcome<CaptureResult>.Fail("", "核验请求不存在。", "not-found");
        var now = clock.GetUtcNow().UtcDateTime;
        if (capture.UsedAtUtc is not null) return Outcome<CaptureResult>.Fail("", "该核验请求已使用，请重新开始核验。", "used");
        if (now > capture.ExpiresAtUtc) return Outcome<CaptureResult>.Fail("", "核验请求已过期，请重新开始核验。", "expired");
        if (clientProblem is null)
        {
            if (frames.Count == 0) return Outcome<CaptureResult>.Fail("", "未收到画面。", "no-frames");
            if (frames.Count > o.Frames + 2) return Outcome<CaptureResult>.Fail("", $"画面过多（最多 {o.Frames + 2} 张）。", "too-many-frames");
            if (frames.Any(f => f.Length > o.MaxFrameBytes)) return Outcome<CaptureResult>.Fail("", $"单张画面不能超过 {o.MaxFrameBytes / 1024} KB。", "frame-too-large");
        }
        var claimed = await db.Set<CaptureSession>().Where(c => c.Id == captureId && c.UsedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAtUtc, now), ct);
        if (claimed != 1) return Outcome<CaptureResult>.Fail("", "该核验请求已使用，请重新开始核验。", "used");

        var status = await StatusAsync(learnerId, ct);
        if (!status.FaceReady) return Outcome<CaptureResult>.Fail("", "尚未建立人脸底照。", "not-ready");

        CheckOutcome outcome;
        string reason;
        double? similarity = null, liveness = null;
        var challengeMet = false;
        var model = faces.ModelVersion;
        if (clientProblem is not null)
            (outcome, reason) = (CheckOutcome.Retry, clientProblem == "camera" ? ReasonLabels.CameraUnavailable : ReasonLabels.Interrupted);
        else if (!faces.IsAvailable)
            (outcome, reason) = (CheckOutcome.Retry, ReasonLabels.EngineUnavailable);
        else
        {
            var template = ReadTemplate(status.Reference!, "verify");
            var analyses = await faces.AnalyzeAsync(frames, ct);
            var decision = FaceVerifier.Decide(template, analyses, Challenges.Parse(capture.Challenge), faces.Policy, model);
            outcome = decision.Outcome switch { Outcome.Pass => CheckOutcome.Pass, Outcome.Retry => CheckOutcome.Retry, _ => CheckOutcome.Fail };
            reason = decision.Reason.ToString();
            similarity = decision.Similarity;
            liveness = decision.Liveness;
            challengeMet = decision.ChallengeMet;
        }

        // Retry limit per context (login session, unit, sitting): retries since the last pass.
        var history = await db.Set<IdentityDecision>().AsNoTracking()
            .Where(d => d.LearnerId == learnerId && d.Context == capture.Context && d.ContextRef == capture.ContextRef)
            .OrderByDescending(d => d.AtUtc).Select(d => d.Outcome).Take(50).ToListAsync(ct);
        var retriesSincePass = history.TakeWhile(h => h != CheckOutcome.Pass).Count(h => h == CheckOutcome.Retry);
        if (outcome == CheckOutcome.Retry && retriesSincePass + 1 > o.MaxRetries) (outcome, reason) = (CheckOutcome.Fail, ReasonLabels.RetryLimit);

        var id = Guid.NewGuid();
        var framesKey = "";
        var wrapped = "";
        if (frames.Count > 0)
        {
            var key = vault.NewKey(id);
            framesKey = await vault.StoreImagesAsync(key.Key, frames, ct);
            wrapped = key.WrappedKey;
            CryptographicOperations.ZeroMemory(key.Key);
        }
        var institution = await InstitutionOfAsync(learnerId, capture.ProjectId, ct);
        var p = faces.Policy;
        var record = IdentityDecision.Face(id, capture, institution, outcome, reason, similarity, liveness, p.MatchThreshold, p.LivenessThreshold,
            challengeMet, model, frames.Count, framesKey, wrapped, status.Reference!.Id, me.Ip, me.UserAgent, now);
        await FlagForReviewAsync(record, ct);
        db.Set<IdentityDecision>().Add(record);
        audit.Record("idv.decided", "learner", learnerId.ToString(), new
        {
            decision = id, context = capture.Context.ToString(), capture.ContextRef, outcome = outcome.ToString(), reason,
            similarity, liveness, matchThreshold = p.MatchThreshold, livenessThreshold = p.LivenessThreshold, model, review = record.ReviewFlag,
        }, institution);

        // A retry gets a fresh capture at once (new nonce, new challenge) so the page can go again.
        var next = Guid.Empty;
        if (outcome == CheckOutcome.Retry)
        {
            var again = CaptureSession.Issue(learnerId, capture.Context, capture.ProjectId, capture.ContextRef,
                PickChallenge(), capture.ReturnUrl, now,
                TimeSpan.FromMinutes(o.CaptureMinutes));
            db.Set<CaptureSession>().Add(again);
            next = again.Id;
        }
        await db.SaveChangesAsync(ct);
        var retriesLeft = outcome == CheckOutcome.Retry ? Math.Max(0, o.MaxRetries - retriesSincePass - 1) : 0;
        var message = outcome switch
        {
            CheckOutcome.Pass => "身份核验通过。",
            CheckOutcome.Retry => ReasonLabels.Label(reason) + $"（还可重试 {retriesLeft} 次）",
            _ => "身份核验未通过：" + ReasonLabels.Label(reason) + "。如有疑问请联系培训机构，工作人员将人工复核。",
        };
        return Outcome<CaptureResult>.Success(new CaptureResult(id, outcome, reason, message, retriesLeft, capture.ReturnUrl, next));
    }

    /// <summary>Decrypts a reference template (for a decision) — audited like every read of biometric data.</summary>
    private float[] ReadTemplate(FaceReference reference, string purpose)
    {
        var key = vault.UnwrapKey(reference.Id, reference.WrappedKey);
        try { return BiometricVault.DecryptTemplate(key, reference.TemplateCipher); }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            audit.Record("idv.biometric.read", "face-reference", reference.Id.ToString(), new { purpose, learner = reference.LearnerId });
        }
    }

    /// <summary>Suspicious patterns go to manual review (IDV-04): spoof suspicion, repeated failures within a day, several devices.</summary>
    private async Task FlagForReviewAsync(IdentityDecision record, CancellationToken ct)
    {
        if (record.Outcome == CheckOutcome.Pass && record.Reason == "Matched")
        {
            var devicesToday = await db.Set<IdentityDecision>().AsNoTracking()
                .Where(d => d.LearnerId == record.LearnerId && d.Method == CheckMethod.Face && d.AtUtc >= record.AtUtc.AddDays(-1))
                .Select(d => d.Device).Distinct().ToListAsync(ct);
            if (!devicesToday.Contains(record.Device) && devicesToday.Count >= 2) record.QueueForReview("24 小时内在 3 台以上设备进行人脸核验");
            return;
        }
        if (record.Reason == "SpoofSuspected") { record.QueueForReview("疑似非真人（活体检测未通过）"); return; }
        if (record.Outcome != CheckOutcome.Fail) return;
        var failures = await db.Set<IdentityDecision>().CountAsync(d => d.LearnerId == record.LearnerId && d.Outcome == CheckOutcome.Fail
            && d.AtUtc >= record.AtUtc.AddDays(-1), ct);
        if (failures + 1 >= o.ReviewAfterFailures) record.QueueForReview($"24 小时内人脸核验失败 {failures + 1} 次");
        else if (record.Reason == "Mismatch") record.QueueForReview("与本人底照不一致（疑似他人代替）");
    }

    private async Task<Guid?> InstitutionOfAsync(Guid learnerId, Guid? projectId, CancellationToken ct)
    {
        if (projectId is { } pid)
        {
            var e = await enrollment.GetEnrollmentAsync(learnerId, pid, ct);
            if (e is not null) return e.TrainingInstitutionId;
        }
        return (await enrollment.GetLatestMaterialAsync(learnerId, "photo", ct))?.TrainingInstitutionId;
    }

    private string PickChallenge()
    {
        var list = o.ChallengeList;
        return list[RandomNumberGenerator.GetInt32(list.Length)];
    }

    /// <summary>Only local paths; anything else returns to the learner's identity page.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") && url.Length <= 300 ? url : "/my/identity";
}

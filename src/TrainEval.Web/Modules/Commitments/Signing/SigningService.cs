using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Journey.Public;
using TrainEval.Web.Modules.Verification.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Commitments.Signing;

public enum SignState { Blocked, Open, Signed }

/// <summary>Everything the signing page shows and the handlers re-check: whether signing may open, the text, a re-sign.</summary>
public sealed record SignContext(CommitmentKind Kind, Guid LearnerId, Guid ProjectId, string ProjectName, Guid? SittingId, SittingInfo? Sitting,
    IReadOnlyList<string> Missing, CommitmentTemplate? Template, string RenderedText, string RenderedSha, CommitmentRecord? Valid,
    CommitmentRecord? ResignOf, string ResignReason, CommitmentRevocation? Revocation, string CheckContext, bool NeedsIdentityCheck)
{
    public SignState State => Valid is not null ? SignState.Signed : Missing.Count > 0 || Template is null ? SignState.Blocked : SignState.Open;
    public bool FaceAllowed => Kind == CommitmentKind.Exam;
    public string PageUrl => Kind == CommitmentKind.Learning ? $"/my/commitments/learning/{ProjectId}" : $"/my/commitments/exam/{SittingId}";
}

/// <summary>
/// LC-02/LC-03/EC-01: opens a commitment for signing only when its gate holds, takes the signature (text read to the end
/// per the page log, then a one-time code or a face check) and records it; re-signatures point to the original.
/// </summary>
public sealed class SigningService(AppDbContext db, IJourneyApi journey, IEnrollmentApi enrollment, IAccountsApi accounts, ExamsGateway exams,
    IVerificationApi verification, IOneTimeCodeSender codes, AuditLog audit, TimeProvider clock)
{
    /// <summary>The learning commitment of a project (LC-03: only once the journey's learning step is done); null when the project is unknown.</summary>
    public async Task<SignContext?> LearningAsync(Guid learnerId, Guid projectId, CancellationToken ct)
    {
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null) return null;
        var missing = new List<string>();
        var (open, gateMissing) = await journey.CanOpenAsync(learnerId, projectId, "learning_commitment", ct);
        if (!open)
        {
            missing.AddRange(gateMissing.Count > 0 ? gateMissing : ["尚未完成课程学习"]);
            // When learning is the step in progress, say what it still lacks (the completion rule, open anomaly flags).
            var (learningOpen, learningMissing) = await journey.CanOpenAsync(learnerId, projectId, "learning", ct);
            if (learningOpen) missing.AddRange(learningMissing);
        }
        var template = await CurrentTemplateAsync(CommitmentKind.Learning, projectId, null, ct);
        if (template is null) missing.Add("培训机构尚未发布本项目的学习承诺书");
        var records = await db.Set<CommitmentRecord>().AsNoTracking()
            .Where(r => r.LearnerId == learnerId && r.Kind == CommitmentKind.Learning && r.ProjectId == projectId).ToListAsync(ct);
        var minVersion = await CommitmentsApi.MinValidVersionAsync(db, CommitmentKind.Learning, projectId, null, ct);
        return await BuildAsync(CommitmentKind.Learning, learnerId, project.Id, project.Name, null, null, missing, template, records, minVersion, "", false, ct);
    }

    /// <summary>
    /// The exam commitment of a sitting (EC-01/EC-02): the exams entry gate has nothing missing and the identity check for
    /// this sitting passed since the requirement's time. Null when the sitting is unknown or the learner is not its candidate.
    /// </summary>
    public async Task<SignContext?> ExamAsync(Guid learnerId, Guid sittingId, CancellationToken ct)
    {
        if (exams.Exams is not { } api || exams.Entry is not { } entry) return null;
        var sitting = await api.GetSittingAsync(sittingId, ct);
        var req = sitting is null ? null : await entry.GetEntryRequirementAsync(learnerId, sittingId, ct);
        if (sitting is null || req is null) return null;
        var project = await enrollment.GetProjectAsync(req.ProjectId, ct);
        var missing = req.Missing.ToList();
        var needsCheck = false;
        if (missing.Count == 0 && !await verification.HasPassedAsync(learnerId, req.CheckContext, req.ProjectId, sittingId.ToString(), req.SinceUtc, ct))
        {
            missing.Add("先完成本场次考前人脸身份核验");
            needsCheck = true;
        }
        if (sitting.Cancelled) missing.Add("本场次已取消");
        var template = await CurrentTemplateAsync(CommitmentKind.Exam, req.ProjectId, sittingId, ct)
                       ?? await CurrentTemplateAsync(CommitmentKind.Exam, req.ProjectId, null, ct);
        if (template is null) missing.Add("评价机构尚未发布本项目的考试承诺书");
        var all = await db.Set<CommitmentRecord>().AsNoTracking()
            .Where(r => r.LearnerId == learnerId && r.Kind == CommitmentKind.Exam && r.SittingId == sittingId).ToListAsync(ct);
        // A revocation of this sitting's commitment keeps the entry closed whatever the new requirement time; valid ones count from it.
        var records = all.Where(r => r.SignedAtUtc >= req.SinceUtc || (r.Status == RecordStatus.Revoked && r.ResignRequestedAtUtc is null)).ToList();
        return await BuildAsync(CommitmentKind.Exam, learnerId, req.ProjectId, project?.Name ?? "", sittingId, sitting, missing, template, records, 0,
            req.CheckContext, needsCheck, ct);
    }

    public Task<SignContext?> ContextOfAsync(CommitmentSigning s, CancellationToken ct)
        => s.Kind == CommitmentKind.Learning ? LearningAsync(s.LearnerId, s.ProjectId, ct) : ExamAsync(s.LearnerId, s.SittingId!.Value, ct);

    private async Task<SignContext> BuildAsync(CommitmentKind kind, Guid learnerId, Guid projectId, string projectName, Guid? sittingId, SittingInfo? sitting,
        List<string> missing, CommitmentTemplate? template, List<CommitmentRecord> records, int minVersion, string checkContext, bool needsCheck,
        CancellationToken ct)
    {
        var latest = records.Where(r => r.Status != RecordStatus.Superseded).OrderByDescending(r => r.SignedAtUtc).FirstOrDefault();
        CommitmentRecord? valid = null, resignOf = null;
        CommitmentRevocation? revocation = null;
        var reason = "";
        if (latest is { Status: RecordStatus.Revoked })
        {
            revocation = await db.Set<CommitmentRevocation>().AsNoTracking().FirstOrDefaultAsync(v => v.RecordId == latest.Id, ct);
            if (latest.ResignRequestedAtUtc is null) missing.Insert(0, $"您的{CommitmentScope.KindName(kind)}已被撤销：{revocation?.Reason}");
            else (resignOf, reason) = (latest, latest.ResignRequestedReason);
        }
        else if (latest is not null)
        {
            if (latest.ResignRequestedAtUtc is not null) (resignOf, reason) = (latest, latest.ResignRequestedReason);
            else if (latest.TemplateVersion < minVersion) (resignOf, reason) = (latest, ResignReasons.TemplateChange);
            else valid = latest;
        }
        var text = "";
        if (template is not null && valid is null && missing.Count == 0)
        {
            var profile = await accounts.GetProfileAsync(learnerId, ct);
            var sittingText = sitting is null ? "" : $"{sitting.Batch} {sitting.Subject}（{sitting.Name}，{sitting.StartsAtUtc.AddHours(8):yyyy-MM-dd HH:mm}—{sitting.EndsAtUtc.AddHours(8):HH:mm}）";
            text = TemplateRules.Render(template.Body, new RenderValues(profile?.RealName ?? "", profile?.IdNumberMasked ?? "", projectName, sittingText,
                clock.GetUtcNow().UtcDateTime));
        }
        return new SignContext(kind, learnerId, projectId, projectName, sittingId, sitting, missing, template, text, text.Length == 0 ? "" : TemplateRules.Sha256(text),
            valid, resignOf, reason, revocation, checkContext, needsCheck);
    }

    private Task<CommitmentTemplate?> CurrentTemplateAsync(CommitmentKind kind, Guid projectId, Guid? sittingId, CancellationToken ct)
        => db.Set<CommitmentTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Kind == kind && t.ProjectId == projectId && t.SittingId == sittingId
            && t.Status == TemplateStatus.Published, ct);

    /// <summary>
    /// Step 1: the learner read the text to the end (page log) and agreed; the server checks that the text shown is the
    /// text it would sign now, starts the signing and sends a code (or hands over to the face check: the returned URL).
    /// </summary>
    public async Task<Outcome<(CommitmentSigning Signing, string? CaptureUrl)>> StartAsync(SignContext ctx, string method, bool agreed, string? opLog,
        string? shownSha, string ip, string device, CancellationToken ct)
    {
        static Outcome<(CommitmentSigning, string?)> Fail(string field, string message, string code = "validation") => Outcome<(CommitmentSigning, string?)>.Fail(field, message, code);
        if (ctx.State != SignState.Open) return Fail("", ctx.State == SignState.Signed ? "您已签署，无需重复签署。" : "当前不能签署：" + string.Join("；", ctx.Missing), "gate_closed");
        if (!string.Equals(shownSha, ctx.RenderedSha, StringComparison.Ordinal)) return Fail("", "承诺书内容已更新，请重新阅读后再签署。", "text_changed");
        var (events, problem) = OperationLog.Validate(opLog);
        if (events is null) return Fail("OpLog", problem!, "not_read");
        if (!agreed) return Fail("Agree", "请勾选“我已完整阅读并同意”。", "not_read");
        var m = method switch { "otp" => SignMethod.OneTimeCode, "face" when ctx.FaceAllowed => SignMethod.Face, _ => (SignMethod)0 };
        if (m == 0) return Fail("Method", ctx.FaceAllowed ? "请选择验证码确认或人脸识别确认。" : "请选择验证码确认。");
        var now = clock.GetUtcNow().UtcDateTime;
        var log = OperationLog.Serialize([.. events, new OpEvent("signing_started", now, "server")]);
        var signing = CommitmentSigning.Start(ctx.Kind, ctx.LearnerId, ctx.ProjectId, ctx.SittingId, ctx.Template!.Id, ctx.RenderedText, ctx.RenderedSha, m,
            ctx.CheckContext, log, ctx.ResignOf?.Id, ctx.ResignReason, ip, device, now);
        db.Set<CommitmentSigning>().Add(signing);
        string? captureUrl = null;
        if (m == SignMethod.OneTimeCode) await IssueCodeAsync(signing, now, ct);
        else
        {
            var (url, why) = await verification.StartCheckAsync(ctx.LearnerId, ctx.CheckContext, ctx.ProjectId, ctx.SittingId!.Value.ToString(),
                $"{ctx.PageUrl}?signing={signing.Id}", ct);
            if (url is null) return Fail("Method", $"暂不能使用人脸识别确认：{why} 请改用验证码确认。", "face_unavailable");
            captureUrl = url;
        }
        audit.Record("commitments.signing.started", "commitment_signing", signing.Id.ToString(),
            new { kind = ctx.Kind.ToString(), project = ctx.ProjectId, sitting = ctx.SittingId, template = ctx.Template.Id, method = m.ToString(),
                rendered = ctx.RenderedSha, resignOf = ctx.ResignOf?.Id });
        await db.SaveChangesAsync(ct);
        return Outcome<(CommitmentSigning, string?)>.Success((signing, captureUrl));
    }

    private async Task IssueCodeAsync(CommitmentSigning signing, DateTime now, CancellationToken ct)
    {
        var code = OneTimeCodes.NewCode();
        var salt = OneTimeCodes.NewSalt();
        signing.CodeIssued(OneTimeCodes.Hash(code, salt), salt, now, OneTimeCodes.Validity);
        await codes.SendAsync(signing.LearnerId, code, CommitmentScope.KindName(signing.Kind), (int)OneTimeCodes.Validity.TotalMinutes, ct);
    }

    /// <summary>The learner's own pending signing.</summary>
    public Task<CommitmentSigning?> FindSigningAsync(Guid learnerId, Guid signingId, CancellationToken ct)
        => db.Set<CommitmentSigning>().FirstOrDefaultAsync(s => s.Id == signingId && s.LearnerId == learnerId, ct);

    public async Task<Outcome<CommitmentSigning>> ResendAsync(CommitmentSigning s, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (s.Status != SigningStatus.Pending || s.Method != SignMethod.OneTimeCode) return Outcome<CommitmentSigning>.Fail("", "本次签署已结束，请重新签署。");
        if (s.CodeSentAtUtc is { } sent && now - sent < OneTimeCodes.ResendAfter)
            return Outcome<CommitmentSigning>.Fail("Code", $"验证码发送过于频繁，请在 {(int)Math.Ceiling((OneTimeCodes.ResendAfter - (now - sent)).TotalSeconds)} 秒后再试。", "throttled");
        if (s.CodesSent >= OneTimeCodes.MaxSends) return Outcome<CommitmentSigning>.Fail("Code", "本次签署发送验证码次数已达上限，请刷新页面重新签署。", "throttled");
        await IssueCodeAsync(s, now, ct);
        audit.Record("commitments.code.resent", "commitment_signing", s.Id.ToString(), new { s.CodesSent });
        await db.SaveChangesAsync(ct);
        return Outcome<CommitmentSigning>.Success(s);
    }

    /// <summary>Step 2 (code): checks the code (5 minutes, 5 attempts) and the gate again, then records the signature.</summary>
    public async Task<Outcome<CommitmentRecord>> ConfirmCodeAsync(CommitmentSigning s, string? code, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (s.Status != SigningStatus.Pending || s.Method != SignMethod.OneTimeCode)
            return Outcome<CommitmentRecord>.Fail("", s.Status == SigningStatus.Locked ? "验证码错误次数过多，本次签署已锁定，请重新签署。" : "本次签署已结束。", "closed");
        if (s.CodeExpiresAtUtc is not { } exp || now > exp) return Outcome<CommitmentRecord>.Fail("Code", "验证码已过期，请重新获取。", "expired");
        if (!OneTimeCodes.Matches(code, s.CodeSalt, s.CodeHash))
        {
            s.CodeFailed(OneTimeCodes.MaxAttempts);
            audit.Record("commitments.code.failed", "commitment_signing", s.Id.ToString(), new { s.FailedAttempts, locked = s.Status == SigningStatus.Locked });
            if (!await SaveRacedAsync(ct)) return Outcome<CommitmentRecord>.Fail("Code", "请求过于频繁，请稍后重试。", "conflict");
            return Outcome<CommitmentRecord>.Fail("Code", s.Status == SigningStatus.Locked
                ? "验证码错误次数过多，本次签署已锁定，请刷新页面重新签署。"
                : $"验证码不正确，还可尝试 {OneTimeCodes.MaxAttempts - s.FailedAttempts} 次。", "wrong_code");
        }
        return await CompleteAsync(s, new OpEvent("code_verified", now, "server"), now, ct);
    }

    /// <summary>Step 2 (face): a pass in this sitting's check context since the signing started.</summary>
    public async Task<Outcome<CommitmentRecord>> ConfirmFaceAsync(CommitmentSigning s, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (s.Status != SigningStatus.Pending || s.Method != SignMethod.Face) return Outcome<CommitmentRecord>.Fail("", "本次签署已结束。", "closed");
        if (!await verification.HasPassedAsync(s.LearnerId, s.CheckContext, s.ProjectId, s.SittingId!.Value.ToString(), s.StartedAtUtc, ct))
            return Outcome<CommitmentRecord>.Fail("", "尚未完成人脸识别确认，或核验未通过。请重新核验或改用验证码确认。", "face_not_passed");
        return await CompleteAsync(s, new OpEvent("face_passed", now, "server"), now, ct);
    }

    private async Task<Outcome<CommitmentRecord>> CompleteAsync(CommitmentSigning s, OpEvent confirmation, DateTime now, CancellationToken ct)
    {
        var ctx = await ContextOfAsync(s, ct);
        if (ctx is null || ctx.State != SignState.Open || ctx.Template!.Id != s.TemplateId || ctx.ResignOf?.Id != s.ResignOfId)
            return Outcome<CommitmentRecord>.Fail("", ctx?.State == SignState.Signed ? "您已签署，无需重复签署。"
                : "签署条件已变化（如承诺书更新、出现待复核的异常或场次状态变化），请返回重新阅读并签署。", "gate_closed");
        var template = await db.Set<CommitmentTemplate>().AsNoTracking().FirstAsync(t => t.Id == s.TemplateId, ct);
        var account = (await accounts.GetLearnerIdentitiesAsync([s.LearnerId], reveal: false, "", ct)).GetValueOrDefault(s.LearnerId)?.Account ?? "";
        var log = OperationLog.Append(s.OpLogJson, confirmation, new OpEvent("signed", now, "server"));
        s.Complete(log, now);
        var record = CommitmentRecord.Sign(s, template, account, log, now);
        db.Set<CommitmentRecord>().Add(record);
        if (s.ResignOfId is { } originalId)
        {
            var original = await db.Set<CommitmentRecord>().FirstAsync(r => r.Id == originalId, ct);
            if (original.Status == RecordStatus.Signed) original.Supersede(record.Id, now);
        }
        audit.Record(s.ResignOfId is null ? "commitments.signed" : "commitments.resigned", "commitment_record", record.Id.ToString(),
            new { kind = s.Kind.ToString(), learner = s.LearnerId, project = s.ProjectId, sitting = s.SittingId, template = template.Id, template.Version,
                templateSha = template.TextSha256, rendered = s.RenderedSha256, method = s.Method.ToString(), s.Ip, resignOf = s.ResignOfId, reason = s.ResignReason });
        return await SaveRacedAsync(ct) ? Outcome<CommitmentRecord>.Success(record)
            : Outcome<CommitmentRecord>.Fail("", "本次签署已被另一请求处理，请刷新页面查看签署状态。", "conflict");
    }

    /// <summary>
    /// Saves; false when a concurrent request changed the signing first (its attempt counter is a concurrency token, and
    /// one record per signing is a unique index) — nothing of this request is kept.
    /// </summary>
    private async Task<bool> SaveRacedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>For the exam page: starts this sitting's identity check (the prerequisite of EC-01) and returns the capture URL.</summary>
    public async Task<Outcome<string>> StartIdentityCheckAsync(SignContext ctx, CancellationToken ct)
    {
        if (!ctx.NeedsIdentityCheck) return Outcome<string>.Fail("", "当前不需要进行身份核验。");
        var (url, why) = await verification.StartCheckAsync(ctx.LearnerId, ctx.CheckContext, ctx.ProjectId, ctx.SittingId!.Value.ToString(), ctx.PageUrl, ct);
        return url is null ? Outcome<string>.Fail("", $"暂不能进行人脸核验：{why}") : Outcome<string>.Success(url);
    }
}

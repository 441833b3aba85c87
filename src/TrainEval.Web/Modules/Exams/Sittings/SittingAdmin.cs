using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Sittings;

public sealed record SittingInput(Guid ProjectId, Guid PaperId, string Batch, string Subject, string Name, bool IsMakeup, DateTime StartsAtUtc,
    DateTime EndsAtUtc, int DurationMinutes, int LateEntryMinutes, int MinSubmitMinutes, string RulesText);

/// <summary>
/// Evaluation-institution staff set up sittings (EXM-02): create, add candidates (bans enforced, VIO-02), prepare every
/// candidate's attempt before the window opens, collect attempts, grant extra time or a re-sit after a platform-caused
/// interruption (EXM-04). Training-institution staff never see any of it (BAT-10).
/// </summary>
public sealed class SittingAdmin(AppDbContext db, TimeProvider clock, CurrentUser me, AuditLog audit, IEnrollmentApi enrollment,
    IAccountsApi accounts, IBansApi bans, INotificationsApi notifications, AnswerWriter writer, AttemptSaveCache saveCache)
{
    public const string DefaultRules = """
        一、考试时间：以本场次公布的开考与结束时间为准，迟到超过规定时间不得入场；开考后规定时间内不得交卷。
        二、登录与身份核验：考生须使用本人账号登录，考前完成人脸身份核验并签署考试承诺书。
        三、中断与重新进入：因网络等原因中断的，可在场次时间内重新进入，重新进入须再次核验身份并重新签署考试承诺书；平台原因造成的中断可申请补时或重考。
        四、允许与禁止行为：考试期间不得离开考试页面、不得由他人代考、不得查阅资料或与他人交流、不得录屏拍照传播试题。
        五、提交：答案实时自动保存；可在规定时间后手动交卷；考试时间结束系统自动交卷。
        六、评分：客观题由系统依据已保存的答案评分，实操题由考评员评分；成绩经考后复核后发布。
        七、违纪处理：按违纪违规处理规定分级处理，包括取消本科目成绩、取消本次全部科目成绩并禁考。
        八、申诉：对成绩有异议的，可在成绩发布后通过成绩页提出申诉。
        """;

    public IQueryable<Sitting> Visible()
    {
        var tenants = me.TenantIds.ToList();
        return db.Set<Sitting>().Where(s => tenants.Contains(s.EvaluationInstitutionId));
    }

    public async Task<Outcome<Guid>> CreateAsync(SittingInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var project = await enrollment.GetProjectAsync(input.ProjectId, ct);
        if (project is null || !me.TenantIds.Contains(project.EvaluationInstitutionId)) errors["ProjectId"] = "请选择本评价机构负责的项目";
        var paper = await db.Set<ExamPaper>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == input.PaperId && p.ProjectId == input.ProjectId, ct);
        if (paper is null) errors["PaperId"] = "请选择该项目的试卷";
        if (string.IsNullOrWhiteSpace(input.Batch) || input.Batch.Length > 100) errors["Batch"] = "请填写批次名称（100 字以内）";
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100) errors["Name"] = "请填写场次名称（100 字以内）";
        if (string.IsNullOrWhiteSpace(input.Subject) || input.Subject.Length > 50) errors["Subject"] = "请填写科目（50 字以内）";
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.StartsAtUtc <= now) errors["StartsAt"] = "开考时间须晚于当前时间";
        if (input.EndsAtUtc <= input.StartsAtUtc) errors["EndsAt"] = "结束时间须晚于开考时间";
        if (input.DurationMinutes is < 10 or > 600) errors["DurationMinutes"] = "考试时长应在 10–600 分钟之间";
        else if (input.StartsAtUtc.AddMinutes(input.DurationMinutes) > input.EndsAtUtc) errors["DurationMinutes"] = "考试时长超出了场次的开考与结束时间";
        if (input.LateEntryMinutes < 0 || input.LateEntryMinutes > input.DurationMinutes) errors["LateEntryMinutes"] = "迟到入场截止时间应在 0 与考试时长之间";
        if (input.MinSubmitMinutes < 0 || input.MinSubmitMinutes > input.DurationMinutes) errors["MinSubmitMinutes"] = "最早交卷时间应在 0 与考试时长之间";
        if (string.IsNullOrWhiteSpace(input.RulesText) || input.RulesText.Length > 8000) errors["RulesText"] = "请填写考试规则（8000 字以内）";
        if (paper is not null && errors.Count == 0)
        {
            var bank = await db.Set<ExamQuestion>().AsNoTracking().Where(q => q.BankId == paper.BankId).ToListAsync(ct);
            if (PaperLayout.Shortfalls(paper, bank) is { Count: > 0 } shortfalls) errors["PaperId"] = "试卷无法组卷：" + string.Join("；", shortfalls);
        }
        if (errors.Count > 0) return Outcome<Guid>.Fail(errors);
        var sitting = Sitting.Create(input.ProjectId, project!.EvaluationInstitutionId, input.Batch.Trim(), input.Subject.Trim(), input.Name.Trim(),
            input.IsMakeup, input.PaperId, input.StartsAtUtc, input.EndsAtUtc, input.DurationMinutes, input.LateEntryMinutes, input.MinSubmitMinutes,
            60, input.RulesText.Trim(), me.RequiredUserId, now);
        db.Set<Sitting>().Add(sitting);
        audit.Record("exams.sitting.created", "Sitting", sitting.Id.ToString(), input, sitting.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Success(sitting.Id);
    }

    /// <summary>Adds candidates by account name or real name: only learners with an approved enrolment in the project and no active ban.</summary>
    public async Task<Outcome<int>> AddCandidatesAsync(Guid sittingId, IReadOnlyList<Guid> learnerIds, CancellationToken ct)
    {
        var sitting = await Visible().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null) return Outcome<int>.Fail("", "场次不存在", "exams.not_found");
        var now = clock.GetUtcNow().UtcDateTime;
        if (sitting.HasEnded(now) || sitting.CancelledAtUtc is not null) return Outcome<int>.Fail("", "场次已结束或已取消，不能再添加考生");
        if (sitting.AttemptsPreparedAtUtc is not null && now >= sitting.LateEntryUntilUtc) return Outcome<int>.Fail("", "已过迟到入场截止时间，不能再添加考生");
        var existing = await db.Set<SittingCandidate>().Where(c => c.SittingId == sittingId).Select(c => c.LearnerId).ToListAsync(ct);
        var problems = new List<string>();
        var added = new List<SittingCandidate>();
        var names = await accounts.GetLearnerIdentitiesAsync(learnerIds, reveal: false, "exams.candidates", ct);
        foreach (var id in learnerIds.Distinct())
        {
            var name = names.TryGetValue(id, out var n) ? n.RealName : id.ToString();
            if (existing.Contains(id)) { problems.Add($"{name} 已在考生名单中"); continue; }
            var e = await enrollment.GetEnrollmentAsync(id, sitting.ProjectId, ct);
            if (e is not { Approved: true }) { problems.Add($"{name} 没有该项目审核通过的报名"); continue; }
            if (await bans.ActiveBanAsync(id, now, ct) is { } ban) { problems.Add($"{name} 因违纪被禁考至 {ban.EndsAtUtc.AddHours(8):yyyy-MM-dd}"); continue; }
            added.Add(SittingCandidate.Create(sittingId, id, me.RequiredUserId, now));
        }
        if (added.Count == 0) return Outcome<int>.Fail("", problems.Count > 0 ? string.Join("；", problems) : "请选择考生");
        db.Set<SittingCandidate>().AddRange(added);
        foreach (var c in added)
            notifications.Stage(c.LearnerId, $"考试安排：{sitting.Name}",
                $"您已被安排参加“{sitting.Name}”（{sitting.Subject}），开考时间 {ExamAttempts.Cst(sitting.StartsAtUtc)}，结束时间 {ExamAttempts.Cst(sitting.EndsAtUtc)}。开考前 60 分钟内可进行身份核验并签署考试承诺书。",
                $"/my/exams/{sitting.Id}");
        if (sitting.AttemptsPreparedAtUtc is not null)
            await PrepareForAsync(sitting, added.Select(c => c.LearnerId).ToList(), now, ct);
        audit.Record("exams.candidates.added", "Sitting", sittingId.ToString(), new { learners = added.Select(c => c.LearnerId), refused = problems }, sitting.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(added.Count) with { Code = problems.Count > 0 ? string.Join("；", problems) : null };
    }

    /// <summary>Pre-creates every candidate's attempt (own layout) so the start spike only reads. Idempotent.</summary>
    public async Task<int> PrepareAsync(Guid sittingId, CancellationToken ct)
    {
        var sitting = await db.Set<Sitting>().SingleAsync(s => s.Id == sittingId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var learners = await db.Set<SittingCandidate>().Where(c => c.SittingId == sittingId && c.RemovedAtUtc == null).Select(c => c.LearnerId).ToListAsync(ct);
        var made = await PrepareForAsync(sitting, learners, now, ct);
        sitting.MarkPrepared(now);
        audit.RecordAs(me.UserId, me.DisplayName, me.UserId is null ? "system" : me.PrimaryRole, sitting.EvaluationInstitutionId,
            "exams.attempts.prepared", "Sitting", sittingId.ToString(), new { made, candidates = learners.Count });
        await db.SaveChangesAsync(ct);
        return made;
    }

    private async Task<int> PrepareForAsync(Sitting sitting, List<Guid> learnerIds, DateTime now, CancellationToken ct)
    {
        var have = await db.Set<ExamAttempt>().Where(a => a.SittingId == sitting.Id && learnerIds.Contains(a.LearnerId)).Select(a => a.LearnerId).ToListAsync(ct);
        var paper = await db.Set<ExamPaper>().AsNoTracking().SingleAsync(p => p.Id == sitting.PaperId, ct);
        var bank = await db.Set<ExamQuestion>().AsNoTracking().Where(q => q.BankId == paper.BankId).ToListAsync(ct);
        var made = 0;
        foreach (var learner in learnerIds.Except(have))
        {
            db.Set<ExamAttempt>().Add(ExamAttempt.Prepare(sitting.Id, sitting.ProjectId, learner, 1, PaperLayout.Build(paper, bank, Random.Shared), now));
            made++;
        }
        return made;
    }

    /// <summary>Staff collect an attempt (收卷), marked as such.</summary>
    public async Task<Outcome<ExamAttempt>> CollectAsync(Guid attemptId, string reason, CancellationToken ct)
    {
        var attempt = await AttemptInScopeAsync(attemptId, ct);
        if (attempt is null) return Outcome<ExamAttempt>.Fail("", "答卷不存在", "exams.not_found");
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<ExamAttempt>.Fail("Reason", "请填写收卷原因");
        if (attempt.State != AttemptState.InProgress) return Outcome<ExamAttempt>.Fail("", "只有作答中的答卷可以收卷");
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, "staff_collect", clock.GetUtcNow().UtcDateTime, me.UserId, reason.Trim(), me.Ip, me.UserAgent));
        await db.SaveChangesAsync(ct);
        var done = await writer.SubmitAsync(new SubmitCommand(attempt.Id, SubmitMode.Staff, me.UserId, me.DisplayName, me.PrimaryRole), ct);
        return Outcome<ExamAttempt>.Success(done!);
    }

    /// <summary>EXM-04: extra time for a platform-caused interruption (deadline moved; may pass the sitting end only by the grant).</summary>
    public async Task<Outcome<bool>> GrantExtraTimeAsync(Guid attemptId, int minutes, string reason, CancellationToken ct)
    {
        var attempt = await AttemptInScopeAsync(attemptId, ct);
        if (attempt is null) return Outcome<bool>.Fail("", "答卷不存在", "exams.not_found");
        if (minutes is < 1 or > 120) return Outcome<bool>.Fail("Minutes", "补偿时间应在 1–120 分钟之间");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) return Outcome<bool>.Fail("Reason", "请填写平台原因的中断说明（500 字以内）");
        var now = clock.GetUtcNow().UtcDateTime;
        if (attempt.State != AttemptState.InProgress || attempt.DeadlineUtc is not { } deadline || now >= deadline)
            return Outcome<bool>.Fail("", "只能为作答中且未到截止时间的答卷补时；已交卷的请安排重考");
        attempt.GrantExtraTime(minutes * 60, deadline.AddMinutes(minutes));
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, AttemptEventKinds.ExtraTime, now, me.UserId, $"补时 {minutes} 分钟：{reason.Trim()}", me.Ip, me.UserAgent));
        notifications.Stage(attempt.LearnerId, "考试补时", $"因平台原因造成的中断，您的考试时间已延长 {minutes} 分钟。", "/my/exams");
        audit.Record("exams.attempt.extra_time", "ExamAttempt", attempt.Id.ToString(), new { minutes, reason }, null);
        await db.SaveChangesAsync(ct);
        saveCache.Forget(attempt.Id);
        return Outcome<bool>.Success(true);
    }

    /// <summary>EXM-04: a re-sit after a platform-caused interruption — a new attempt (no. + 1) in the same sitting; the first stays.</summary>
    public async Task<Outcome<Guid>> GrantResitAsync(Guid attemptId, string reason, CancellationToken ct)
    {
        var attempt = await AttemptInScopeAsync(attemptId, ct);
        if (attempt is null) return Outcome<Guid>.Fail("", "答卷不存在", "exams.not_found");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) return Outcome<Guid>.Fail("Reason", "请填写平台原因的中断说明（500 字以内）");
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == attempt.SittingId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (attempt.State != AttemptState.Submitted) return Outcome<Guid>.Fail("", "答卷提交后才能安排重考；作答中的请补时");
        var latest = await db.Set<ExamAttempt>().Where(a => a.SittingId == attempt.SittingId && a.LearnerId == attempt.LearnerId).MaxAsync(a => a.AttemptNo, ct);
        if (latest != attempt.AttemptNo) return Outcome<Guid>.Fail("", "该考生已安排过重考");
        if (now >= sitting.EndsAtUtc.AddMinutes(-sitting.DurationMinutes))
            return Outcome<Guid>.Fail("", "本场次剩余时间不足一次完整作答，请安排到补考场次");
        var paper = await db.Set<ExamPaper>().AsNoTracking().SingleAsync(p => p.Id == sitting.PaperId, ct);
        var bank = await db.Set<ExamQuestion>().AsNoTracking().Where(q => q.BankId == paper.BankId).ToListAsync(ct);
        var resit = ExamAttempt.Prepare(sitting.Id, sitting.ProjectId, attempt.LearnerId, attempt.AttemptNo + 1, PaperLayout.Build(paper, bank, Random.Shared), now);
        db.Set<ExamAttempt>().Add(resit);
        attempt.SetResult(ResultState.Cancelled, $"平台原因中断，安排重考：{reason.Trim()}", now, CancelCause.Platform);
        db.Set<AttemptEvent>().Add(AttemptEvent.Create(attempt.Id, AttemptEventKinds.Resit, now, me.UserId, $"安排第 {resit.AttemptNo} 次作答：{reason.Trim()}", me.Ip, me.UserAgent));
        notifications.Stage(attempt.LearnerId, "重考安排", $"因平台原因造成的中断，已为您安排在“{sitting.Name}”场次内重新作答，请在结束时间前重新核验身份并签署承诺书后进入。", $"/my/exams/{sitting.Id}");
        audit.Record("exams.attempt.resit", "ExamAttempt", attempt.Id.ToString(), new { resit = resit.Id, reason }, sitting.EvaluationInstitutionId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<Guid>.Fail("", "该考生已安排过重考"); }
        return Outcome<Guid>.Success(resit.Id);
    }

    private async Task<ExamAttempt?> AttemptInScopeAsync(Guid attemptId, CancellationToken ct)
    {
        var sittings = Visible().Select(s => s.Id);
        return await db.Set<ExamAttempt>().SingleOrDefaultAsync(a => a.Id == attemptId && sittings.Contains(a.SittingId), ct);
    }
}

/// <summary>Prepares the attempts of sittings that open within 30 minutes (if staff have not done it already).</summary>
public sealed class PrepareAttemptsJob(AppDbContext db, TimeProvider clock, SittingAdmin admin) : IRecurringJob
{
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(30);
    public string Name => "exams.prepare-attempts";
    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<Sitting>().Where(s => s.AttemptsPreparedAtUtc == null && s.CancelledAtUtc == null && s.StartsAtUtc <= now + Lead && s.EndsAtUtc > now)
            .Select(s => s.Id).ToListAsync(ct);
        foreach (var id in due) await admin.PrepareAsync(id, ct);
    }
}

/// <summary>Submits attempts whose deadline and grace have passed (Moodle's overdue handling); reads also do it lazily.</summary>
public sealed class CloseOverdueAttemptsJob(AppDbContext db, TimeProvider clock, AnswerWriter writer) : IRecurringJob
{
    public string Name => "exams.close-overdue";
    public TimeSpan Interval => TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = now.AddSeconds(-60);
        var candidates = await db.Set<ExamAttempt>().AsNoTracking()
            .Where(a => a.State == AttemptState.InProgress && a.DeadlineUtc != null && a.DeadlineUtc < latest)
            .Join(db.Set<Sitting>(), a => a.SittingId, s => s.Id, (a, s) => new { a.Id, a.DeadlineUtc, s.GraceSeconds })
            .ToListAsync(ct);
        foreach (var a in candidates.Where(a => a.DeadlineUtc!.Value.AddSeconds(a.GraceSeconds) <= now))
            await writer.SubmitAsync(new SubmitCommand(a.Id, SubmitMode.Deadline, null, "system", "system"), ct);
    }
}

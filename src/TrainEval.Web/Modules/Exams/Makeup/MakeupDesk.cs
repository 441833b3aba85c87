using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Modules.Violations.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Makeup;

/// <summary>What the learner sees for one subject: the results kept apart and in order, which counts, the rules and the way to apply.</summary>
public sealed record LearnerMakeupView(Sitting Sitting, IReadOnlyList<SubjectAttempt> History, SubjectAttempt? Counting, SubjectAttempt? Latest,
    MakeupRules? RulesInForce, MakeupRules? RulesApplied, MakeupEligibility Eligibility, IReadOnlyList<MakeupApplication> Applications, DateTime NowUtc,
    IReadOnlyDictionary<Guid, PaymentStatus> Fees);

/// <summary>
/// Makeups (补考, MKP-01): evaluation-institution staff publish versioned makeup rules per project; a learner with a
/// failed, absent or platform-cancelled latest result applies within the window and under the count (never after a
/// serious violation or during a ban); staff approve into a makeup sitting (through <see cref="SittingAdmin.AddCandidatesAsync"/>,
/// so the sitting's own identity check "makeup" and exam commitment gate the entry) or refuse with a reason; the
/// learner is told either way. A makeup fee goes through the payments module (<see cref="IMakeupFeesApi"/>): paid online by the
/// learner, or offline as confirmed by finance; approval needs one of them and records which; a refused or withdrawn
/// application's paid fee becomes a refund request for finance (see README).
/// </summary>
public sealed class MakeupDesk(AppDbContext db, TimeProvider clock, CurrentUser me, AuditLog audit, IEnrollmentApi enrollment,
    IViolationsApi violations, IBansApi bans, INotificationsApi notifications, SittingAdmin sittings, IAccountsApi accounts, IMakeupFeesApi fees)
{
    // ---- rules (staff) ----

    public async Task<IReadOnlyList<ProjectSummary>> ProjectsAsync(CancellationToken ct)
    {
        var list = new List<ProjectSummary>();
        foreach (var tenant in me.TenantIds)
            list.AddRange((await enrollment.ListProjectsOfInstitutionAsync(tenant, ct)).Where(p => p.EvaluationInstitutionId == tenant));
        return [.. list.DistinctBy(p => p.Id).OrderBy(p => p.Name)];
    }

    public async Task<IReadOnlyList<MakeupRules>> RuleVersionsAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
        => await db.Set<MakeupRules>().AsNoTracking().Where(r => projectIds.Contains(r.ProjectId)).OrderByDescending(r => r.VersionNo).ToListAsync(ct);

    public async Task<Outcome<int>> PublishRulesAsync(Guid projectId, MakeupRulesInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null || !me.TenantIds.Contains(project.EvaluationInstitutionId)) errors["ProjectId"] = "请选择本评价机构负责的项目";
        if (input.MaxMakeups is < 0 or > 5) errors["MaxMakeups"] = "补考次数应在 0–5 次之间";
        if (input.WindowDays is < 1 or > 730) errors["WindowDays"] = "申请期限应在 1–730 日之间";
        if (input.FeeFen is < 0 or > 1_000_000) errors["Fee"] = "补考费应在 0–10000 元之间";
        if (input.FeeFen > 0 && (string.IsNullOrWhiteSpace(input.Payee) || input.Payee.Length > 100)) errors["Payee"] = "收取补考费的，请填写收款单位（100 字以内）";
        if (input.Notes.Length > 2000) errors["Notes"] = "补充说明不超过 2000 字";
        if (input.MaxMakeups > 0 && !input.AllowFailed && !input.AllowAbsent && !input.AllowPlatformInterruption) errors["Cases"] = "请至少选择一种补考适用情形，或将补考次数设为 0";
        if (errors.Count > 0) return Outcome<int>.Fail(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var versions = await db.Set<MakeupRules>().Where(r => r.ProjectId == projectId).ToListAsync(ct);
        foreach (var v in versions.Where(v => v.SupersededAtUtc is null)) v.Supersede(now);
        var rules = MakeupRules.Publish(projectId, project!.EvaluationInstitutionId, versions.Count == 0 ? 1 : versions.Max(v => v.VersionNo) + 1, input, me.RequiredUserId, now);
        db.Set<MakeupRules>().Add(rules);
        audit.Record("exams.makeup.rules_published", "Project", projectId.ToString(), new { rules.VersionNo, input }, project.EvaluationInstitutionId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<int>.Fail("", "规则已被他人同时发布，请刷新后重试"); }
        return Outcome<int>.Success(rules.VersionNo);
    }

    // ---- applications (staff) ----

    public async Task<IReadOnlyList<MakeupApplication>> ApplicationsAsync(CancellationToken ct)
    {
        var tenants = me.TenantIds.ToList();
        var list = await db.Set<MakeupApplication>().AsNoTracking().Where(a => tenants.Contains(a.EvaluationInstitutionId))
            .OrderByDescending(a => a.AppliedAtUtc).Take(300).ToListAsync(ct);
        return [.. list.OrderBy(a => a.Status != MakeupStatus.Pending)];
    }

    /// <summary>Open makeup sittings of the evaluation institution (not ended, not cancelled) to approve into.</summary>
    public async Task<IReadOnlyList<Sitting>> OpenMakeupSittingsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await sittings.Visible().AsNoTracking().Where(s => s.IsMakeup && s.CancelledAtUtc == null && s.EndsAtUtc > now)
            .OrderBy(s => s.StartsAtUtc).ToListAsync(ct);
    }

    public Task<IReadOnlyDictionary<Guid, PaymentStatus>> FeesAsync(IReadOnlyCollection<MakeupApplication> applications, CancellationToken ct)
        => fees.StatusAsync([.. applications.Where(a => a.FeeFen > 0).Select(a => a.Id)], ct);

    /// <summary>Finance (payments.confirm) records a makeup fee paid at the counter or by transfer: reference, note, who and when.</summary>
    public async Task<Outcome<PaymentStatus>> ConfirmOfflineFeeAsync(Guid applicationId, string reference, string note, CancellationToken ct)
    {
        var application = await PendingInScopeAsync(applicationId, ct);
        if (application is null) return Outcome<PaymentStatus>.Fail("", "申请不存在或已处理", "exams.not_found");
        if (application.FeeFen <= 0) return Outcome<PaymentStatus>.Fail("", "该申请不收取补考费");
        return await fees.ConfirmOfflineAsync(await FeeOrderAsync(application, ct), reference, note, ct);
    }

    private async Task<MakeupFeeOrder> FeeOrderAsync(MakeupApplication a, CancellationToken ct)
    {
        var payee = await db.Set<MakeupRules>().AsNoTracking().Where(r => r.Id == a.RulesId).Select(r => r.Payee).SingleAsync(ct);
        return new MakeupFeeOrder(a.Id, a.LearnerId, a.ProjectId, a.EvaluationInstitutionId, a.Subject, a.FeeFen, payee);
    }

    public async Task<Outcome<bool>> ApproveAsync(Guid applicationId, Guid sittingId, string note, CancellationToken ct)
    {
        var application = await PendingInScopeAsync(applicationId, ct);
        if (application is null) return Outcome<bool>.Fail("", "申请不存在或已处理", "exams.not_found");
        var sitting = await sittings.Visible().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null || !sitting.IsMakeup || sitting.ProjectId != application.ProjectId || sitting.Subject != application.Subject)
            return Outcome<bool>.Fail("SittingId", "请选择该项目同一科目的补考场次");
        MakeupFeePaid? fee = null;
        if (application.FeeFen > 0)
        {
            // The payments module is the record of the fee: paid online, or offline as confirmed by finance.
            var status = (await fees.StatusAsync([application.Id], ct)).GetValueOrDefault(application.Id);
            if (status is not { Paid: true })
                return Outcome<bool>.Fail("Fee", $"补考费 {MakeupText.Yuan(application.FeeFen)} 尚未缴清：须学员在线支付，或由财务人员确认线下缴费后再批准");
            fee = new MakeupFeePaid(status.OrderNo!, status.Offline ? status.Reference : status.TransactionId ?? "", status.PaidAtUtc, status.Offline, status.ConfirmedBy);
        }
        if ((note ?? "").Length > 500) return Outcome<bool>.Fail("Note", "备注不超过 500 字");
        // A violation may have been confirmed since the application was made (seed 000 §13.2: none after serious violations).
        if (await violations.HasSeriousViolationAsync(application.LearnerId, application.ProjectId, ct))
            return Outcome<bool>.Fail("", "该学员存在替考、作弊、冒名考试或者其他严重违规行为，不得安排补考，请不予批准并说明理由");
        var now = clock.GetUtcNow().UtcDateTime;
        application.Approve(sittingId, fee, (note ?? "").Trim(), me.RequiredUserId, now);
        notifications.Stage(application.LearnerId, "补考申请已批准",
            $"您的“{application.Subject}”补考申请已批准，安排在“{sitting.Name}”（{ExamAttempts.Cst(sitting.StartsAtUtc)}–{ExamAttempts.Cst(sitting.EndsAtUtc)}）。"
            + (fee is not null ? $"补考费 {MakeupText.Yuan(application.FeeFen)} 已缴（订单 {fee.OrderNo}，{(fee.Offline ? "线下缴费" : "在线支付")}）。" : "")
            + "补考前须重新完成身份核验并签署本场次考试承诺书。", $"/my/exams/{sitting.Id}");
        audit.Record("exams.makeup.approved", "MakeupApplication", application.Id.ToString(),
            new { sittingId, application.FeeFen, settlement = application.FeeSettlement.ToString(), fee?.OrderNo, fee?.Reference, fee?.PaidAtUtc, fee?.ConfirmedBy, note },
            application.EvaluationInstitutionId);
        // AddCandidatesAsync checks enrolment and bans, notifies the sitting arrangement and saves everything staged
        // above in its one SaveChangesAsync; when it refuses nothing is saved.
        var added = await sittings.AddCandidatesAsync(sittingId, [application.LearnerId], ct);
        if (added.Ok) return Outcome<bool>.Success(true);
        db.ChangeTracker.Clear();
        return Outcome<bool>.Fail("SittingId", "无法加入补考场次：" + added.Errors.Values.First());
    }

    public async Task<Outcome<bool>> RefuseAsync(Guid applicationId, string reason, CancellationToken ct)
    {
        var application = await PendingInScopeAsync(applicationId, ct);
        if (application is null) return Outcome<bool>.Fail("", "申请不存在或已处理", "exams.not_found");
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > 500) return Outcome<bool>.Fail("Reason", "请填写不予批准的理由（500 字以内）");
        application.Refuse(reason, me.RequiredUserId, clock.GetUtcNow().UtcDateTime);
        var refund = await fees.StageRefundAsync(application.Id, $"补考申请未获批准：{reason}", ct);
        notifications.Stage(application.LearnerId, "补考申请未获批准", $"您的“{application.Subject}”补考申请未获批准。理由：{reason}"
            + (refund is null ? "" : $"已缴的补考费将全额退回（退费单 {refund}，财务审批后原路退回）。"), $"/my/exams/{application.SourceSittingId}/makeup");
        audit.Record("exams.makeup.refused", "MakeupApplication", application.Id.ToString(), new { reason, refund }, application.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }

    private Task<MakeupApplication?> PendingInScopeAsync(Guid applicationId, CancellationToken ct)
    {
        var tenants = me.TenantIds.ToList();
        return db.Set<MakeupApplication>().SingleOrDefaultAsync(a => a.Id == applicationId && a.Status == MakeupStatus.Pending && tenants.Contains(a.EvaluationInstitutionId), ct);
    }

    // ---- learner ----

    /// <summary>The learner's order for the fee of their pending application (opened on first use); its order number.</summary>
    public async Task<Outcome<string>> FeeOrderNoAsync(Guid learnerId, Guid applicationId, CancellationToken ct)
    {
        var application = await db.Set<MakeupApplication>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && a.LearnerId == learnerId, ct);
        if (application is null) return Outcome<string>.Fail("", "补考申请不存在", "exams.not_found");
        if (application.FeeFen <= 0) return Outcome<string>.Fail("", "该补考申请不收取补考费");
        var status = (await fees.StatusAsync([application.Id], ct)).GetValueOrDefault(application.Id);
        if (application.Status != MakeupStatus.Pending && status is not { Paid: true })
            return Outcome<string>.Fail("", "该补考申请已处理，无需缴费");
        return await fees.OpenOrderAsync(await FeeOrderAsync(application, ct), ct);
    }

    /// <summary>The learner withdraws a pending application; a paid fee becomes a refund request for finance.</summary>
    public async Task<Outcome<bool>> WithdrawAsync(Guid learnerId, Guid applicationId, CancellationToken ct)
    {
        var application = await db.Set<MakeupApplication>()
            .SingleOrDefaultAsync(a => a.Id == applicationId && a.LearnerId == learnerId && a.Status == MakeupStatus.Pending, ct);
        if (application is null) return Outcome<bool>.Fail("", "只有待审核的补考申请可以撤回");
        application.Withdraw("学员撤回申请", clock.GetUtcNow().UtcDateTime);
        var refund = await fees.StageRefundAsync(application.Id, "学员撤回补考申请", ct);
        if (refund is not null)
            notifications.Stage(application.LearnerId, "补考费退费已提交", $"您已撤回“{application.Subject}”补考申请，已缴的补考费将全额退回（退费单 {refund}，财务审批后原路退回）。",
                $"/my/exams/{application.SourceSittingId}/makeup");
        audit.Record("exams.makeup.withdrawn", "MakeupApplication", application.Id.ToString(), new { refund }, application.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }

    /// <summary>The learner's results of the subject of <paramref name="sittingId"/> and whether the latest may be made up; null when not theirs.</summary>
    public async Task<LearnerMakeupView?> ViewAsync(Guid learnerId, Guid sittingId, CancellationToken ct)
    {
        var sitting = await db.Set<Sitting>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sittingId, ct);
        if (sitting is null) return null;
        var history = MakeupPolicy.Ordered(await (
            from a in db.Set<ExamAttempt>().AsNoTracking()
            join s in db.Set<Sitting>().AsNoTracking() on a.SittingId equals s.Id
            where a.LearnerId == learnerId && s.ProjectId == sitting.ProjectId && s.Subject == sitting.Subject
            select new SubjectAttempt(a.Id, s.Id, s.Name, s.IsMakeup, s.StartsAtUtc, s.EndsAtUtc, s.CancelledAtUtc != null, a.AttemptNo, a.State,
                a.ResultState, a.Passed, a.Score, a.MaxScore, a.ResultChangedAtUtc, a.ResultNote, a.CancelCause)).ToListAsync(ct));
        if (!history.Any(h => h.SittingId == sittingId)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var latest = history[^1];
        var versions = await db.Set<MakeupRules>().AsNoTracking().Where(r => r.ProjectId == sitting.ProjectId).OrderByDescending(r => r.VersionNo).ToListAsync(ct);
        var inForce = versions.FirstOrDefault(v => v.SupersededAtUtc is null);
        // Judged under the rules in force when the result was decided; rules published later apply when none existed then.
        var from = MakeupPolicy.CaseOf(latest, now)?.From;
        var applied = from is { } f ? versions.FirstOrDefault(v => v.PublishedAtUtc <= f) ?? inForce : inForce;
        var applications = await db.Set<MakeupApplication>().AsNoTracking()
            .Where(a => a.LearnerId == learnerId && a.ProjectId == sitting.ProjectId && a.Subject == sitting.Subject).OrderBy(a => a.AppliedAtUtc).ToListAsync(ct);
        var ban = await bans.ActiveBanAsync(learnerId, now, ct);
        var eligibility = MakeupPolicy.Check(applied, history, latest, applications.Count(a => a.Status == MakeupStatus.Approved),
            applications.Any(a => a.OpenSourceAttemptId == latest.AttemptId), await violations.HasSeriousViolationAsync(learnerId, sitting.ProjectId, ct),
            ban is null ? null : $"因违纪被禁考至 {ban.EndsAtUtc.AddHours(8):yyyy-MM-dd}：{ban.Reason}", now);
        return new LearnerMakeupView(sitting, history, MakeupPolicy.Counting(history), latest, inForce, applied, eligibility, applications, now,
            await FeesAsync(applications, ct));
    }

    public async Task<Outcome<Guid>> ApplyAsync(Guid learnerId, Guid sittingId, string statement, CancellationToken ct)
    {
        var view = await ViewAsync(learnerId, sittingId, ct);
        if (view is null) return Outcome<Guid>.Fail("", "考试记录不存在", "exams.not_found");
        if (!view.Eligibility.Eligible) return Outcome<Guid>.Fail("", string.Join("；", view.Eligibility.Problems), "exams.makeup.not_eligible");
        statement = (statement ?? "").Trim();
        if (statement.Length > 500) return Outcome<Guid>.Fail("Statement", "申请说明不超过 500 字");
        if (view.Eligibility.Case != MakeupCase.Failed && statement.Length == 0)
            return Outcome<Guid>.Fail("Statement", "请说明缺考或中断的原因（评价机构据此审核）");
        var source = view.Latest!;
        var sourceSitting = await db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == source.SittingId, ct);
        var application = MakeupApplication.Create(sourceSitting.ProjectId, sourceSitting.EvaluationInstitutionId, learnerId, sourceSitting.Subject,
            source.AttemptId, source.SittingId, view.Eligibility.Case!.Value, statement, view.RulesApplied!, clock.GetUtcNow().UtcDateTime);
        db.Set<MakeupApplication>().Add(application);
        // Staff who decide makeups hear of the application at once (their queue also lists it).
        foreach (var staff in await accounts.StaffWithPermissionAsync(application.EvaluationInstitutionId, Permissions.Exams.ManageBatches, ct))
            notifications.Stage(staff, "新的补考申请", $"考生申请“{sourceSitting.Subject}”补考（{MakeupText.CaseName(application.Case)}），请在补考管理中审核。", "/workbench/exams/makeup");
        audit.Record("exams.makeup.applied", "MakeupApplication", application.Id.ToString(),
            new { source.AttemptId, @case = application.Case.ToString(), application.RulesVersionNo, application.FeeFen, statement }, application.EvaluationInstitutionId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<Guid>.Fail("", "已有待审核或已批准的补考申请"); }
        return Outcome<Guid>.Success(application.Id);
    }
}

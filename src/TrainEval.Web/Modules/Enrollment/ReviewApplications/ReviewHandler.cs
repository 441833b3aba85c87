using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Enrollment.ReviewApplications;

public sealed record QueueItem(Guid Id, string Name, string IdMasked, string ProjectName, EnrollmentStatus Status, DateTime? SubmittedAtUtc,
    DateTime DueAtUtc, bool Overdue, bool Paid);

public sealed record ReviewCase(EnrollmentApplication Application, Project Project, ProjectVersion Version, IReadOnlyList<EnrollmentMaterial> Materials,
    IReadOnlyList<ReviewDecision> Decisions, PaymentStatus Payment, DateTime DueAtUtc, IReadOnlyList<string> Hints);

/// <summary>
/// Review of enrollments by the training institution (REV-01..03): queue with the published time limit, the case
/// with materials, payment status and duplicate hints, and the three outcomes. Approval opens the course in the same
/// transaction (ACT-01). Decisions are appended; a re-review adds a new decision and never edits the old one.
/// </summary>
public sealed class ReviewHandler(AppDbContext db, IPaymentsApi payments, ILearningApi learning, INotificationsApi notifications,
    IAccountsApi accounts, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(bool includeDecided, CancellationToken ct, string? projectCode = null, string? name = null)
    {
        var tenants = me.TenantIds.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from a in db.Set<EnrollmentApplication>().AsNoTracking()
                          join p in db.Set<Project>().AsNoTracking() on a.ProjectId equals p.Id
                          join v in db.Set<ProjectVersion>().AsNoTracking() on a.ProjectVersionId equals v.Id
                          where tenants.Contains(a.TrainingInstitutionId) && a.Status != EnrollmentStatus.Draft
                                && (includeDecided || a.Status == EnrollmentStatus.Submitted || a.Status == EnrollmentStatus.Resubmit)
                                && (projectCode == null || projectCode == "" || p.Code == projectCode)
                                && (name == null || name == "" || a.RealName.Contains(name))
                          orderby a.SubmittedAtUtc
                          select new { a.Id, a.RealName, a.IdNumberMasked, p.Name, a.Status, a.SubmittedAtUtc, v.ReviewTimeLimitHours })
            .Take(500).ToListAsync(ct);
        var paid = await payments.PaidEnrollmentsAsync(rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r =>
        {
            var due = (r.SubmittedAtUtc ?? now).AddHours(r.ReviewTimeLimitHours);
            return new QueueItem(r.Id, r.RealName, r.IdNumberMasked, r.Name, r.Status, r.SubmittedAtUtc, due,
                r.Status == EnrollmentStatus.Submitted && now > due, paid.Contains(r.Id));
        }).ToList();
    }

    public async Task<ReviewCase?> CaseAsync(Guid enrollmentId, CancellationToken ct)
    {
        var tenants = me.TenantIds.ToList();
        var app = await db.Set<EnrollmentApplication>().FirstOrDefaultAsync(a => a.Id == enrollmentId && tenants.Contains(a.TrainingInstitutionId), ct);
        if (app is null || app.Status == EnrollmentStatus.Draft) return null;
        var project = await db.Set<Project>().FirstAsync(p => p.Id == app.ProjectId, ct);
        var version = await db.Set<ProjectVersion>().Include(v => v.Materials).Include(v => v.Fees).FirstAsync(v => v.Id == app.ProjectVersionId, ct);
        var materials = await db.Set<EnrollmentMaterial>().Where(m => m.EnrollmentId == app.Id).OrderBy(m => m.UploadedAtUtc).ToListAsync(ct);
        var decisions = await db.Set<ReviewDecision>().Where(d => d.EnrollmentId == app.Id).OrderBy(d => d.DecidedAtUtc).ToListAsync(ct);
        var hints = new List<string>();
        var hashes = materials.Where(m => m.SupersededAtUtc == null).Select(m => m.Sha256).ToList();
        var reused = await (from m in db.Set<EnrollmentMaterial>()
                            join a in db.Set<EnrollmentApplication>() on m.EnrollmentId equals a.Id
                            where hashes.Contains(m.Sha256) && a.LearnerId != app.LearnerId
                            select a.RealName).Distinct().ToListAsync(ct);
        if (reused.Count > 0) hints.Add($"材料文件与其他学员（{string.Join("、", reused)}）提交的文件完全相同，请核实是否冒用（ENR-05）。");
        var others = await db.Set<EnrollmentApplication>().CountAsync(a => a.LearnerId == app.LearnerId && a.Id != app.Id && a.ActiveKey != null, ct);
        if (others > 0) hints.Add($"该学员另有 {others} 个在报项目。");
        var profile = await accounts.GetProfileAsync(app.LearnerId, ct);
        if (profile is not null && profile.RealName != app.RealName) hints.Add("报名时确认的姓名与当前账号姓名不一致。");
        var payment = await payments.StatusAsync(app.Id, ct);
        return new ReviewCase(app, project, version, materials, decisions, payment,
            (app.SubmittedAtUtc ?? clock.GetUtcNow().UtcDateTime).AddHours(version.ReviewTimeLimitHours), hints);
    }

    public async Task<Outcome<ReviewDecision>> DecideAsync(Guid enrollmentId, ReviewOutcome outcome, string reason, IReadOnlyList<string> resubmitItems,
        int resubmitDays, CancellationToken ct)
    {
        var c = await CaseAsync(enrollmentId, ct);
        if (c is null) return Outcome<ReviewDecision>.Fail("", "报名记录不存在或不属于本机构。");
        var app = c.Application;
        var now = clock.GetUtcNow().UtcDateTime;
        reason = (reason ?? "").Trim();
        if (reason.Length > 1000) return Outcome<ReviewDecision>.Fail("Reason", "审核意见不能超过 1000 字。");
        var previous = c.Decisions.LastOrDefault();
        var reReview = app.Status is EnrollmentStatus.Approved or EnrollmentStatus.Rejected;
        if (reReview && outcome != ReviewOutcome.Rejected && app.Status == EnrollmentStatus.Approved)
            return Outcome<ReviewDecision>.Fail("", "已通过的报名不能再次通过或要求补正；如需撤销请走退费流程。");
        if (app.Status == EnrollmentStatus.Resubmit && !reReview)
            return Outcome<ReviewDecision>.Fail("", "正在等待学员补正材料，补正提交后再审核。");
        if (app.Status == EnrollmentStatus.Cancelled) return Outcome<ReviewDecision>.Fail("", "该报名已撤销。");
        if (reReview && reason.Length == 0) return Outcome<ReviewDecision>.Fail("Reason", "复核须写明复核理由。");

        DateTime? deadline = null;
        switch (outcome)
        {
            case ReviewOutcome.Approved:
                if (!c.Payment.Paid) return Outcome<ReviewDecision>.Fail("", "尚未确认缴费，不能审核通过（REV-01：先确认缴费状态）。");
                var missing = c.Version.Materials.Where(m => m.Required && !c.Materials.Any(x => x.MaterialKey == m.Key && x.SupersededAtUtc == null)).ToList();
                if (missing.Count > 0) return Outcome<ReviewDecision>.Fail("", $"缺少必交材料：{string.Join("、", missing.Select(m => m.Name))}。");
                if (app.Status == EnrollmentStatus.Rejected)
                    return Outcome<ReviewDecision>.Fail("", "已驳回的报名不能直接改为通过，请学员重新报名。");
                app.Approve(reason, now);
                await learning.StageActivationAsync(app.Id, app.LearnerId, app.ProjectId, c.Version.LearningValidityDays, c.Version.ReplayValidityDays, ct);
                notifications.Stage(app.LearnerId, $"报名审核通过：{c.Project.Name}",
                    $"您的报名已审核通过，课程已开通，学习有效期 {c.Version.LearningValidityDays} 天。" + (reason.Length > 0 ? $"审核意见：{reason}" : ""), $"/my/projects/{app.ProjectId}");
                break;
            case ReviewOutcome.Resubmit:
                var keys = resubmitItems.Where(k => c.Version.Materials.Any(m => m.Key == k)).Distinct().ToList();
                if (keys.Count == 0) return Outcome<ReviewDecision>.Fail("ResubmitItems", "请勾选需要学员补正的材料。");
                if (reason.Length == 0) return Outcome<ReviewDecision>.Fail("Reason", "请写明需要补正的原因。");
                if (resubmitDays is < 1 or > 30) return Outcome<ReviewDecision>.Fail("ResubmitDays", "补正期限应为 1–30 天。");
                deadline = now.AddDays(resubmitDays);
                app.RequestResubmission(keys, reason, deadline.Value, now);
                // The flagged files are set aside (kept, marked superseded) so the learner must upload each of them again.
                foreach (var m in c.Materials.Where(m => keys.Contains(m.MaterialKey) && m.SupersededAtUtc == null)) m.Supersede(now);
                resubmitItems = keys;
                notifications.Stage(app.LearnerId, $"报名需补正材料：{c.Project.Name}",
                    $"请在 {EnrollHandler_Beijing(deadline.Value)} 前补正：{string.Join("、", c.Version.Materials.Where(m => keys.Contains(m.Key)).Select(m => m.Name))}。原因：{reason}",
                    $"/projects/{c.Project.Code}/apply");
                break;
            case ReviewOutcome.Rejected:
                if (reason.Length == 0) return Outcome<ReviewDecision>.Fail("Reason", "不予通过须写明理由。");
                if (app.Status == EnrollmentStatus.Approved) await learning.StageCloseAsync(app.Id, "复核不予通过：" + reason, ct);
                app.Reject(reason, now);
                notifications.Stage(app.LearnerId, $"报名未通过审核：{c.Project.Name}",
                    $"原因：{reason}。如有异议，可在 7 日内申请复核或投诉。已缴费用将按退费规则退回。", $"/my/projects/{app.ProjectId}");
                break;
            default:
                return Outcome<ReviewDecision>.Fail("Outcome", "请选择审核结论。");
        }

        var decision = ReviewDecision.Create(app.Id, me.RequiredUserId, me.DisplayName, outcome, reason,
            outcome == ReviewOutcome.Resubmit ? resubmitItems : [], deadline, now, now > c.DueAtUtc, reReview ? previous?.Id : null);
        db.Set<ReviewDecision>().Add(decision);
        audit.Record(reReview ? "review.re_reviewed" : "review.decided", "enrollment", app.Id.ToString(),
            new { outcome = outcome.ToString(), reason, items = decision.ResubmitItems, deadline, overdue = decision.Overdue }, app.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<ReviewDecision>.Success(decision);
    }

    private static string EnrollHandler_Beijing(DateTime utc) => Apply.EnrollHandler.Beijing(utc);
}

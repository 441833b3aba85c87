using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Enrollment.Promote;

public sealed record PromotedRow(Guid Id, string LearnerName, string IdMasked, string ProjectName, EnrollmentStatus Status, bool Confirmed, DateTime CreatedAtUtc);

/// <summary>
/// ENR-04: an authorised promotion organisation starts an enrollment for a person who already has a real-name account;
/// the channel and the agent are recorded; the learner must confirm it in their own account and complete the wizard.
/// The organisation sees status only — it can never approve, change fees or submit for the learner.
/// </summary>
public sealed class PromoteHandler(AppDbContext db, IAccountsApi accounts, INotificationsApi notifications, Apply.EnrollHandler enroll,
    AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public Guid? OrganisationId => me.TenantIds.FirstOrDefault(t => me.HasRoleIn(Roles.PromotionAgent, t)) is var id && id != Guid.Empty ? id : null;

    public async Task<IReadOnlyList<PromotedRow>> MineAsync(CancellationToken ct)
    {
        var org = OrganisationId;
        return await (from a in db.Set<EnrollmentApplication>().AsNoTracking()
                      join p in db.Set<Project>().AsNoTracking() on a.ProjectId equals p.Id
                      where a.PromotionInstitutionId == org
                      orderby a.CreatedAtUtc descending
                      select new PromotedRow(a.Id, a.RealName, a.IdNumberMasked, p.Name, a.Status, a.LearnerConfirmedAtUtc != null, a.CreatedAtUtc))
            .Take(200).ToListAsync(ct);
    }

    public async Task<Outcome<EnrollmentApplication>> StartAsync(string projectCode, string realName, string idNumber, CancellationToken ct)
    {
        var org = OrganisationId;
        if (org is null) return Outcome<EnrollmentApplication>.Fail("", "您不是合作推广单位的工作人员。");
        var project = await db.Set<Project>().FirstOrDefaultAsync(p => p.Code == projectCode, ct);
        if (project?.CurrentVersionId is null) return Outcome<EnrollmentApplication>.Fail("ProjectCode", "项目不存在或尚未发布。", EnrollmentErrors.NotPublished);
        var learnerId = await accounts.FindLearnerAsync(realName, idNumber, ct);
        if (learnerId is null)
            return Outcome<EnrollmentApplication>.Fail("IdNumber", "未找到姓名与证件号码一致的学员账号。请学员本人先完成实名注册（推广单位不能代为注册）。", EnrollmentErrors.IdentityConflict);
        var version = await db.Set<ProjectVersion>().FirstAsync(v => v.Id == project.CurrentVersionId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = await enroll.RefusalAsync(learnerId.Value, project, version, now, ct);
        if (refusal is not null) return refusal;
        var app = EnrollmentApplication.Start(learnerId.Value, project, version, EnrollmentChannel.Promotion, org, me.UserId, now);
        db.Set<EnrollmentApplication>().Add(app);
        var orgName = (await accounts.GetInstitutionAsync(org.Value, ct))?.Name ?? "合作推广单位";
        notifications.Stage(learnerId.Value, $"{orgName}为您发起了报名：{project.Name}",
            "请本人登录后阅读项目规则并确认报名，再完成报名材料和缴费。推广单位无权审核报名、变更收费或承诺考试结果；如非本人意愿，可不予确认并投诉。",
            $"/projects/{project.Code}/apply");
        audit.Record("enrollment.started_by_promotion", "enrollment", app.Id.ToString(), new { project = project.Code, organisation = org }, org);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<EnrollmentApplication>.Fail("", "该学员已报名该项目。", EnrollmentErrors.Duplicate); }
        return Outcome<EnrollmentApplication>.Success(app);
    }
}

using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Accounts.Staff;

/// <summary>Grants and revokes staff roles within an institution, enforcing 考培分离 (BAT-10).</summary>
public sealed class GrantRoleHandler(AppDbContext db, IEnrollmentApi enrollment, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    /// <summary>Whether the signed-in user may manage staff of this institution.</summary>
    public bool MayManage(Institution institution)
        => me.Has(Permissions.Accounts.ManageInstitutions)
           || (me.Has(Permissions.Accounts.ManageStaff)
               && (me.HasRoleIn(Roles.TrainingAdmin, institution.Id) || me.HasRoleIn(Roles.EvaluationAdmin, institution.Id)));

    /// <summary>Adds a grant to the context (the caller saves). Returns an error message when the rules refuse it.</summary>
    public async Task<Outcome<RoleGrant>> StageAsync(Guid userId, string role, Institution institution, Guid? projectId, CancellationToken ct)
    {
        var info = Roles.Find(role);
        if (info is null || info.Code == Roles.Learner)
            return Outcome<RoleGrant>.Fail("Role", "请选择有效的岗位角色。");
        if (info.Kind != institution.Kind)
            return Outcome<RoleGrant>.Fail("Role", $"“{info.DisplayName}”不能在{Institution.KindName(institution.Kind)}中设置。", AccountsErrors.RoleNotAllowedForInstitution);

        var existing = await db.Set<RoleGrant>().AsNoTracking()
            .Where(g => g.UserId == userId && g.RevokedAtUtc == null).ToListAsync(ct);
        if (existing.Any(g => g.Role == role && g.InstitutionId == institution.Id && g.ProjectId == projectId))
            return Outcome<RoleGrant>.Fail("Role", "此人已担任该岗位。");

        var institutions = existing.Select(g => g.InstitutionId).Append(institution.Id).Distinct().ToList();
        var projects = await enrollment.ProjectsOfInstitutionsAsync(institutions, ct);
        var conflicts = RoleSeparation.Conflicts(
            existing.Select(g => new RoleSeparation.Grant(g.Role, g.InstitutionId, g.ProjectId)),
            new RoleSeparation.Grant(role, institution.Id, projectId), projects);
        if (conflicts.Count > 0)
        {
            var names = new List<string>();
            foreach (var c in conflicts.Take(3))
                names.Add((await enrollment.GetProjectAsync(c.ProjectId, ct))?.Name ?? c.ProjectId.ToString());
            audit.Record("role.grant_refused", "user", userId.ToString(),
                new { role, institution = institution.Id, code = AccountsErrors.RoleSeparationViolated, projects = conflicts.Select(c => c.ProjectId) }, institution.Id);
            await db.SaveChangesAsync(ct);
            return Outcome<RoleGrant>.Fail("Role",
                $"考培分离：此人已在项目“{string.Join("、", names)}”担任{(Roles.Side(role) == RoleSide.Evaluation ? "培训" : "评价")}方岗位，不能再担任“{info.DisplayName}”。",
                AccountsErrors.RoleSeparationViolated);
        }

        var grant = RoleGrant.Create(userId, role, institution.Id, projectId, me.UserId, clock.GetUtcNow().UtcDateTime);
        db.Set<RoleGrant>().Add(grant);
        audit.Record("role.granted", "user", userId.ToString(), new { grant = grant.Id, role, projectId }, institution.Id);
        return Outcome<RoleGrant>.Success(grant);
    }

    public async Task<Outcome<RoleGrant>> RevokeAsync(Guid grantId, string reason, CancellationToken ct)
    {
        var grant = await db.Set<RoleGrant>().FirstOrDefaultAsync(g => g.Id == grantId, ct);
        if (grant is null) return Outcome<RoleGrant>.Fail("", "岗位记录不存在。");
        var institution = await db.Set<Institution>().FirstAsync(i => i.Id == grant.InstitutionId, ct);
        if (!MayManage(institution)) return Outcome<RoleGrant>.Fail("", "无权管理该机构人员。", "forbidden");
        if (grant.UserId == me.UserId) return Outcome<RoleGrant>.Fail("", "不能撤销本人的岗位，请由其他管理员办理。");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200) return Outcome<RoleGrant>.Fail("Reason", "请填写撤销原因（200 字以内）。");
        grant.Revoke(me.UserId, reason.Trim(), clock.GetUtcNow().UtcDateTime);
        audit.Record("role.revoked", "user", grant.UserId.ToString(), new { grant = grant.Id, grant.Role, reason = reason.Trim() }, grant.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<RoleGrant>.Success(grant);
    }
}

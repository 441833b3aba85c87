using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Violations;

/// <summary>
/// What staff may see and act on: violations of projects their evaluation institutions evaluate (the project's
/// EvaluationInstitutionId); regulators see every institution (read only).
/// </summary>
public sealed class ViolationScope(AppDbContext db, IEnrollmentApi enrollment, CurrentUser me)
{
    public bool SeesAll => me.Has(Permissions.Supervision.ViewAllInstitutions);

    public IQueryable<Violation> Violations()
    {
        var q = db.Set<Violation>().AsNoTracking();
        if (SeesAll) return q;
        var tenants = me.TenantIds;
        return q.Where(v => tenants.Contains(v.EvaluationInstitutionId));
    }

    /// <summary>Whether the signed-in staff member acts for the institution (decisions need this even for regulators' view-all).</summary>
    public bool ActsFor(Guid evaluationInstitutionId) => me.TenantIds.Contains(evaluationInstitutionId);

    /// <summary>Projects the user's institutions evaluate (every project for regulators), by name.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ProjectsAsync(bool forRecording, CancellationToken ct)
    {
        var list = new Dictionary<Guid, ProjectSummary>();
        if (SeesAll && !forRecording)
        {
            foreach (var p in await enrollment.ListPublishedProjectsAsync(ct)) list[p.Id] = p;
        }
        foreach (var tenant in me.TenantIds)
            foreach (var p in await enrollment.ListProjectsOfInstitutionAsync(tenant, ct))
                if (me.TenantIds.Contains(p.EvaluationInstitutionId)) list[p.Id] = p;
        return [.. list.Values.OrderBy(p => p.Code, StringComparer.Ordinal)];
    }
}

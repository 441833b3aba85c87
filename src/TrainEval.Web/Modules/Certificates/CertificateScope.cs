using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates;

/// <summary>
/// BAT-09 scoping: staff see and act on certificates of projects their evaluation institutions evaluate; regulators see
/// every institution but never act. Training institutions do not issue certificates (考培分离).
/// </summary>
public sealed class CertificateScope(AppDbContext db, IEnrollmentApi enrollment, CurrentUser me)
{
    public bool SeesAll => me.Has(Permissions.Supervision.ViewAllInstitutions);

    public IQueryable<Certificate> Certificates()
    {
        var q = db.Set<Certificate>().AsNoTracking();
        if (SeesAll) return q;
        var tenants = me.TenantIds;
        return q.Where(c => tenants.Contains(c.EvaluationInstitutionId));
    }

    /// <summary>Issue, correct, revoke and track: needs the permission and a role in the certificate's evaluation institution.</summary>
    public bool ActsFor(Guid evaluationInstitutionId) => me.Has(Permissions.Certificates.Issue) && me.TenantIds.Contains(evaluationInstitutionId);

    /// <summary>Projects the user's institutions evaluate, by code.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ProjectsAsync(CancellationToken ct)
    {
        var list = new Dictionary<Guid, ProjectSummary>();
        foreach (var tenant in me.TenantIds)
            foreach (var p in await enrollment.ListProjectsOfInstitutionAsync(tenant, ct))
                if (me.TenantIds.Contains(p.EvaluationInstitutionId)) list[p.Id] = p;
        return [.. list.Values.OrderBy(p => p.Code, StringComparer.Ordinal)];
    }
}

using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Enrollment;

internal sealed class EnrollmentApi(AppDbContext db, TimeProvider clock) : IEnrollmentApi
{
    public Task<ProjectSummary?> GetProjectAsync(Guid projectId, CancellationToken ct)
        => db.Set<Project>().AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new ProjectSummary(p.Id, p.Code, p.Name, p.Occupation, p.Level, Project.LevelName(p.Level),
                p.TrainingInstitutionId, p.EvaluationInstitutionId, p.Status == ProjectStatus.Published))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ProjectSummary>> ListPublishedProjectsAsync(CancellationToken ct)
        => await db.Set<Project>().AsNoTracking().Where(p => p.Status == ProjectStatus.Published).OrderBy(p => p.Code)
            .Select(p => new ProjectSummary(p.Id, p.Code, p.Name, p.Occupation, p.Level, Project.LevelName(p.Level),
                p.TrainingInstitutionId, p.EvaluationInstitutionId, true))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ProjectSummary>> ListProjectsOfInstitutionAsync(Guid institutionId, CancellationToken ct)
        => await db.Set<Project>().AsNoTracking()
            .Where(p => p.TrainingInstitutionId == institutionId || p.EvaluationInstitutionId == institutionId).OrderBy(p => p.Code)
            .Select(p => new ProjectSummary(p.Id, p.Code, p.Name, p.Occupation, p.Level, Project.LevelName(p.Level),
                p.TrainingInstitutionId, p.EvaluationInstitutionId, p.Status == ProjectStatus.Published))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ProjectInstitutions>> ProjectsOfInstitutionsAsync(IReadOnlyCollection<Guid> institutionIds, CancellationToken ct)
        => await db.Set<Project>().AsNoTracking()
            .Where(p => institutionIds.Contains(p.TrainingInstitutionId) || institutionIds.Contains(p.EvaluationInstitutionId))
            .Select(p => new ProjectInstitutions(p.Id, p.TrainingInstitutionId, p.EvaluationInstitutionId))
            .ToListAsync(ct);

    public Task<bool> HasEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => db.Set<EnrollmentApplication>().AnyAsync(a => a.LearnerId == learnerId && a.ProjectId == projectId && a.ActiveKey != null
                                                          && a.Status != EnrollmentStatus.Draft, ct);

    public Task<EnrollmentSummary?> GetEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct)
        => Summaries(db.Set<EnrollmentApplication>().Where(a => a.LearnerId == learnerId && a.ProjectId == projectId && a.ActiveKey != null)).FirstOrDefaultAsync(ct);

    public Task<EnrollmentSummary?> GetEnrollmentByIdAsync(Guid enrollmentId, CancellationToken ct)
        => Summaries(db.Set<EnrollmentApplication>().Where(a => a.Id == enrollmentId)).FirstOrDefaultAsync(ct);

    public Task<MaterialFile?> GetLatestMaterialAsync(Guid learnerId, string materialKey, CancellationToken ct)
        => (from m in db.Set<EnrollmentMaterial>().AsNoTracking()
            join a in db.Set<EnrollmentApplication>().AsNoTracking() on m.EnrollmentId equals a.Id
            where a.LearnerId == learnerId && a.ActiveKey != null && m.MaterialKey == materialKey && m.SupersededAtUtc == null
            orderby m.UploadedAtUtc descending
            select new MaterialFile(m.Id, a.Id, a.ProjectId, a.TrainingInstitutionId, m.FileKey, m.ContentType, m.UploadedAtUtc)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<EnrollmentSummary>> ListLiveEnrollmentsAsync(Guid learnerId, IReadOnlyCollection<Guid> institutionIds, CancellationToken ct)
        => await Summaries(db.Set<EnrollmentApplication>().Where(a => a.LearnerId == learnerId && a.ActiveKey != null && institutionIds.Contains(a.TrainingInstitutionId))
            .OrderByDescending(a => a.CreatedAtUtc)).ToListAsync(ct);

    private static IQueryable<EnrollmentSummary> Summaries(IQueryable<EnrollmentApplication> q) => q.AsNoTracking()
        .Select(a => new EnrollmentSummary(a.Id, a.LearnerId, a.ProjectId, a.ProjectVersionId, a.TrainingInstitutionId, a.Status.ToString(),
            a.Status != EnrollmentStatus.Draft && a.Status != EnrollmentStatus.Cancelled, a.Status == EnrollmentStatus.Approved, a.ActiveKey != null,
            a.SubmittedAtUtc, a.DecisionNote));

    public async Task<IReadOnlyList<EnrollmentSummary>> ListDecidedAsync(IReadOnlyCollection<Guid>? institutionIds, CancellationToken ct)
        => await Summaries(db.Set<EnrollmentApplication>().Where(a => (institutionIds == null || institutionIds.Contains(a.TrainingInstitutionId))
                && a.Status != EnrollmentStatus.Draft)).ToListAsync(ct);

    public async Task<EnrollmentTerms?> GetTermsAsync(Guid enrollmentId, CancellationToken ct)
    {
        var app = await db.Set<EnrollmentApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == enrollmentId, ct);
        if (app is null) return null;
        var v = await db.Set<ProjectVersion>().AsNoTracking().Include(x => x.Fees).FirstAsync(x => x.Id == app.ProjectVersionId, ct);
        var name = await db.Set<Project>().Where(p => p.Id == app.ProjectId).Select(p => p.Name).FirstAsync(ct);
        return new EnrollmentTerms(v.Id, v.VersionNo, name,
            v.Fees.OrderBy(f => f.Order).Select(f => new FeeItem(f.Id, f.Name, ProjectFee.KindName(f.Kind), f.AmountFen, f.Payee, f.RefundRule, f.Mandatory)).ToList(),
            v.LearningValidityDays, v.ReplayValidityDays, v.RefundPercentAfterActivation, v.ComplaintChannel,
            v.CompletionRule, v.LearningRequirements, v.CourseForm);
    }

    public async Task<IReadOnlyList<CourseModuleItem>> GetModulesAsync(Guid projectId, CancellationToken ct)
        => await db.Set<ProjectModule>().AsNoTracking().Where(m => m.ProjectId == projectId).OrderBy(m => m.Order)
            .Select(m => new CourseModuleItem(m.Order, m.Title, m.KnowledgePoints, m.Minutes)).ToListAsync(ct);

    public async Task<bool> StageCancellationAsync(Guid enrollmentId, string reason, CancellationToken ct)
    {
        var app = await db.Set<EnrollmentApplication>().FirstOrDefaultAsync(a => a.Id == enrollmentId, ct);
        if (app is null || !app.IsLive) return false;
        app.Cancel(reason, clock.GetUtcNow().UtcDateTime);
        return true;
    }
}

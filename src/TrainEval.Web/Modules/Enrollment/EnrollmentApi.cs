using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Enrollment;

internal sealed class EnrollmentApi(AppDbContext db) : IEnrollmentApi
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

    // The enrollment workflow (issue: enrollment, fees and payment) records applications; until then nobody is enrolled.
    public Task<bool> HasEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct) => Task.FromResult(false);
}

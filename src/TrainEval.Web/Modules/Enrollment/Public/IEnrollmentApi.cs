namespace TrainEval.Web.Modules.Enrollment.Public;

public sealed record ProjectInstitutions(Guid ProjectId, Guid TrainingInstitutionId, Guid EvaluationInstitutionId);

public sealed record ProjectSummary(Guid Id, string Code, string Name, string Occupation, int Level, string LevelName,
    Guid TrainingInstitutionId, Guid EvaluationInstitutionId, bool IsPublished);

/// <summary>What other modules may ask the enrollment module.</summary>
public interface IEnrollmentApi
{
    Task<ProjectSummary?> GetProjectAsync(Guid projectId, CancellationToken ct);
    Task<IReadOnlyList<ProjectSummary>> ListPublishedProjectsAsync(CancellationToken ct);
    /// <summary>Every project (any status) the institution trains or evaluates.</summary>
    Task<IReadOnlyList<ProjectSummary>> ListProjectsOfInstitutionAsync(Guid institutionId, CancellationToken ct);
    Task<IReadOnlyList<ProjectInstitutions>> ProjectsOfInstitutionsAsync(IReadOnlyCollection<Guid> institutionIds, CancellationToken ct);
    /// <summary>Whether the learner has a submitted enrollment for the project (filled in by the enrollment workflow).</summary>
    Task<bool> HasEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct);
}

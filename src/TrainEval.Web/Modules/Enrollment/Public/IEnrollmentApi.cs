namespace TrainEval.Web.Modules.Enrollment.Public;

public sealed record ProjectInstitutions(Guid ProjectId, Guid TrainingInstitutionId, Guid EvaluationInstitutionId);

public sealed record ProjectSummary(Guid Id, string Code, string Name, string Occupation, int Level, string LevelName,
    Guid TrainingInstitutionId, Guid EvaluationInstitutionId, bool IsPublished);

public sealed record EnrollmentSummary(Guid Id, Guid LearnerId, Guid ProjectId, Guid ProjectVersionId, Guid TrainingInstitutionId,
    string Status, bool Submitted, bool Approved, bool Live, DateTime? SubmittedAtUtc, string DecisionNote);

public sealed record FeeItem(Guid Id, string Name, string Kind, long AmountFen, string Payee, string RefundRule, bool Mandatory);

public sealed record EnrollmentTerms(Guid ProjectVersionId, int VersionNo, string ProjectName, IReadOnlyList<FeeItem> Fees,
    int LearningValidityDays, int ReplayValidityDays, int RefundPercentAfterActivation, string ComplaintChannel,
    string CompletionRule = "", string LearningRequirements = "", string CourseForm = "");

/// <summary>An uploaded enrollment material (the newest, not superseded, of its kind for the learner).</summary>
public sealed record MaterialFile(Guid Id, Guid EnrollmentId, Guid ProjectId, Guid TrainingInstitutionId, string FileKey, string ContentType, DateTime UploadedAtUtc);

public sealed record CourseModuleItem(int Order, string Title, string KnowledgePoints, int Minutes);

/// <summary>What other modules may ask the enrollment module.</summary>
public interface IEnrollmentApi
{
    Task<ProjectSummary?> GetProjectAsync(Guid projectId, CancellationToken ct);
    Task<IReadOnlyList<ProjectSummary>> ListPublishedProjectsAsync(CancellationToken ct);
    /// <summary>Every project (any status) the institution trains or evaluates.</summary>
    Task<IReadOnlyList<ProjectSummary>> ListProjectsOfInstitutionAsync(Guid institutionId, CancellationToken ct);
    Task<IReadOnlyList<ProjectInstitutions>> ProjectsOfInstitutionsAsync(IReadOnlyCollection<Guid> institutionIds, CancellationToken ct);
    /// <summary>Whether the learner has a submitted, live enrollment for the project.</summary>
    Task<bool> HasEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct);
    /// <summary>The learner's live enrollment in the project (any status, draft included), if any.</summary>
    Task<EnrollmentSummary?> GetEnrollmentAsync(Guid learnerId, Guid projectId, CancellationToken ct);
    Task<EnrollmentSummary?> GetEnrollmentByIdAsync(Guid enrollmentId, CancellationToken ct);
    /// <summary>The frozen terms (fees, validity, refund rule) the enrollment was made under.</summary>
    Task<EnrollmentTerms?> GetTermsAsync(Guid enrollmentId, CancellationToken ct);
    /// <summary>Every enrollment of these training institutions (all when null) that is approved or was once (for anomaly reports).</summary>
    Task<IReadOnlyList<EnrollmentSummary>> ListDecidedAsync(IReadOnlyCollection<Guid>? institutionIds, CancellationToken ct);
    Task<IReadOnlyList<CourseModuleItem>> GetModulesAsync(Guid projectId, CancellationToken ct);
    /// <summary>Closes a live enrollment (refund, cancellation), staged in the caller's unit of work.</summary>
    Task<bool> StageCancellationAsync(Guid enrollmentId, string reason, CancellationToken ct);
    /// <summary>The learner's newest current material of a kind (e.g. "photo") across live enrollments; null when none.</summary>
    Task<MaterialFile?> GetLatestMaterialAsync(Guid learnerId, string materialKey, CancellationToken ct);
    /// <summary>The learner's live enrollments at any of these training institutions (newest first).</summary>
    Task<IReadOnlyList<EnrollmentSummary>> ListLiveEnrollmentsAsync(Guid learnerId, IReadOnlyCollection<Guid> institutionIds, CancellationToken ct);
}

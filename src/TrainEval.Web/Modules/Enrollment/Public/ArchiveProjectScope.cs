using TrainEval.Web.Platform.Archive;

namespace TrainEval.Web.Modules.Enrollment.Public;

/// <summary>
/// Which projects' records an archive request may show (ARC-01, BAT-10): records belong to the institution that owns
/// them — enrollment, fees, learning and learning commitments to the project's training institution; exams, exam
/// commitments and violations to its evaluation institution. <see cref="All"/> when the request is not limited.
/// </summary>
public sealed record ArchiveProjectScope
{
    private readonly HashSet<Guid>? training, evaluation;

    private ArchiveProjectScope(HashSet<Guid>? training, HashSet<Guid>? evaluation) => (this.training, this.evaluation) = (training, evaluation);

    public static readonly ArchiveProjectScope All = new(null, null);

    public bool IsAll => training is null;

    /// <summary>Records owned by the project's training institution are in scope.</summary>
    public bool Training(Guid projectId) => training is null || training.Contains(projectId);

    /// <summary>Records owned by the project's evaluation institution are in scope.</summary>
    public bool Evaluation(Guid projectId) => evaluation is null || evaluation.Contains(projectId);

    /// <summary>Either side of the project is in scope.</summary>
    public bool Either(Guid projectId) => Training(projectId) || Evaluation(projectId);

    public static async Task<ArchiveProjectScope> ForAsync(IEnrollmentApi enrollment, ArchiveRequest request, CancellationToken ct)
    {
        if (request.InstitutionIds is null) return All;
        var ids = request.InstitutionIds;
        var projects = await enrollment.ProjectsOfInstitutionsAsync(ids, ct);
        return new([.. projects.Where(p => ids.Contains(p.TrainingInstitutionId)).Select(p => p.ProjectId)],
            [.. projects.Where(p => ids.Contains(p.EvaluationInstitutionId)).Select(p => p.ProjectId)]);
    }
}

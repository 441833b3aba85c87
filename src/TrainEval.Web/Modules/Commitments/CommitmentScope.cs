using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments;

/// <summary>
/// Who may do what with commitments (BAT-10 sides): the learning commitment belongs to the project's training
/// institution, the exam commitment to its evaluation institution. Evaluation staff may also read learning commitments
/// of the projects they evaluate (seed 000: 评价机构在组织正式考试前应能够查询学习承诺书); training staff never see exam ones.
/// </summary>
public sealed class CommitmentScope(IEnrollmentApi enrollment, CurrentUser me)
{
    private IReadOnlyList<ProjectSummary>? projects;

    /// <summary>Projects of the user's institutions (either side), by name.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ProjectsAsync(CancellationToken ct)
    {
        if (projects is not null) return projects;
        var list = new List<ProjectSummary>();
        foreach (var tenant in me.TenantIds) list.AddRange(await enrollment.ListProjectsOfInstitutionAsync(tenant, ct));
        return projects = [.. list.DistinctBy(p => p.Id).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    public bool CanManage(CommitmentKind kind, ProjectSummary p) => kind == CommitmentKind.Learning
        ? me.Has(Permissions.Commitments.ManageLearning) && me.TenantIds.Contains(p.TrainingInstitutionId)
        : me.Has(Permissions.Commitments.ManageExam) && me.TenantIds.Contains(p.EvaluationInstitutionId);

    public bool CanView(CommitmentKind kind, ProjectSummary p) => me.Has(Permissions.Commitments.ViewRecords) && (kind == CommitmentKind.Learning
        ? me.TenantIds.Contains(p.TrainingInstitutionId) || me.TenantIds.Contains(p.EvaluationInstitutionId)
        : me.TenantIds.Contains(p.EvaluationInstitutionId));

    public static Guid OwnerOf(CommitmentKind kind, ProjectSummary p) => kind == CommitmentKind.Learning ? p.TrainingInstitutionId : p.EvaluationInstitutionId;

    public static string KindName(CommitmentKind kind) => kind == CommitmentKind.Learning ? "学习承诺书" : "考试承诺书";
}

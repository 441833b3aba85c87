using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Accounts;

/// <summary>
/// 考培分离 (BAT-10): nobody may hold a training-side role and an evaluation-side role for the same project.
/// A grant covers a project when it is held in the project's training (or evaluation) institution and is
/// either institution-wide or limited to that project. Promotion grants cover every project of the
/// training institutions they promote for; without that data they are treated as covering all projects.
/// </summary>
public static class RoleSeparation
{
    public sealed record Grant(string Role, Guid InstitutionId, Guid? ProjectId);

    /// <summary>Projects on which <paramref name="candidate"/> would conflict with <paramref name="existing"/> grants.</summary>
    public static IReadOnlyList<ProjectInstitutions> Conflicts(IEnumerable<Grant> existing, Grant candidate, IReadOnlyList<ProjectInstitutions> projects)
    {
        var side = Roles.Side(candidate.Role);
        if (side == RoleSide.Neutral) return [];
        var opposite = existing.Where(g => Roles.Side(g.Role) is var s && s != RoleSide.Neutral && s != side).ToList();
        if (opposite.Count == 0) return [];
        return projects.Where(p => Covers(candidate, p) && opposite.Any(g => Covers(g, p))).ToList();
    }

    public static bool Covers(Grant g, ProjectInstitutions p)
    {
        if (g.ProjectId is { } only && only != p.ProjectId) return false;
        if (Roles.Find(g.Role)?.Kind == InstitutionKind.Promotion) return true;
        return Roles.Side(g.Role) switch
        {
            RoleSide.Training => p.TrainingInstitutionId == g.InstitutionId,
            RoleSide.Evaluation => p.EvaluationInstitutionId == g.InstitutionId,
            _ => false,
        };
    }
}

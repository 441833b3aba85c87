using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Supervision.Overview;

public sealed record InstitutionRow(Guid Id, string Name, InstitutionKind Kind, string Region, int TrainingProjects, int EvaluationProjects, int Staff);

public sealed record OverviewData(int Learners, int LearnersLast30Days, int PublishedProjects, IReadOnlyList<InstitutionRow> Institutions);

/// <summary>Cross-institution read model for the regulator (SUP-04), built only from other modules' public APIs.</summary>
public sealed class RegulatorOverview(IAccountsApi accounts, IEnrollmentApi enrollment, TimeProvider clock)
{
    public async Task<OverviewData> BuildAsync(CancellationToken ct)
    {
        var stats = await accounts.StatisticsAsync(clock.GetUtcNow().UtcDateTime.AddDays(-30), ct);
        var projects = await enrollment.ListPublishedProjectsAsync(ct);
        var rows = (await accounts.ListInstitutionsAsync(ct)).Select(i => new InstitutionRow(i.Id, i.Name, i.Kind, i.Region,
            projects.Count(p => p.TrainingInstitutionId == i.Id), projects.Count(p => p.EvaluationInstitutionId == i.Id),
            stats.ActiveStaffByInstitution.GetValueOrDefault(i.Id))).ToList();
        return new OverviewData(stats.Learners, stats.LearnersRegisteredSince, projects.Count, rows);
    }
}

using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Supervision.Anomalies;

public sealed record Anomaly(string Kind, string Description, Guid EnrollmentId, Guid LearnerId, DateTime AtUtc);

/// <summary>
/// ACT-03: course activation anomalies across the enrollment and learning records — approved but not activated,
/// activated for another project than the one enrolled, duplicate open activations, and access open without approval.
/// A read-only projection built from the modules' public APIs.
/// </summary>
public sealed class ActivationAnomalies(IEnrollmentApi enrollment, ILearningApi learning, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<Anomaly>> FindAsync(CancellationToken ct)
    {
        IReadOnlyCollection<Guid>? scope = me.Has(Permissions.Supervision.ViewAllInstitutions) ? null : me.TenantIds.ToList();
        var enrollments = await enrollment.ListDecidedAsync(scope, ct);
        var byId = enrollments.ToDictionary(e => e.Id);
        var activations = await learning.ListActivationsAsync(enrollments.Select(e => e.Id).ToList(), ct);
        var byEnrollment = activations.GroupBy(a => a.EnrollmentId).ToDictionary(g => g.Key, g => g.ToList());
        var now = clock.GetUtcNow().UtcDateTime;
        var list = new List<Anomaly>();
        foreach (var e in enrollments.Where(e => e.Approved && !byEnrollment.ContainsKey(e.Id)))
            list.Add(new("approved_not_activated", "审核通过但课程未开通", e.Id, e.LearnerId, e.SubmittedAtUtc ?? now));
        foreach (var a in activations)
        {
            if (!byId.TryGetValue(a.EnrollmentId, out var e)) continue;
            if (e.ProjectId != a.ProjectId)
                list.Add(new("activated_wrong_project", "开通的项目与报名项目不一致", e.Id, e.LearnerId, a.ActivatedAtUtc));
            if (a.ClosedAtUtc is null && !e.Approved)
                list.Add(new("activated_without_approval", $"课程处于开通状态，但报名状态为 {e.Status}", e.Id, e.LearnerId, a.ActivatedAtUtc));
        }
        foreach (var g in activations.Where(a => a.ClosedAtUtc is null).GroupBy(a => (a.LearnerId, a.ProjectId)).Where(g => g.Count() > 1))
            list.Add(new("duplicate_activation", $"同一学员同一项目有 {g.Count()} 个有效开通记录", g.First().EnrollmentId, g.Key.LearnerId, g.Max(a => a.ActivatedAtUtc)));
        return list.OrderByDescending(a => a.AtUtc).ToList();
    }
}

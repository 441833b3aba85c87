using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Verification;

public sealed record DecisionRow(IdentityDecision Decision, LearnerIdentity? Learner, IdentityReview? Review);

/// <summary>What staff may see: decisions of their institutions' learners; regulators and operators see every institution.</summary>
public sealed class StaffScope(AppDbContext db, IAccountsApi accounts, CurrentUser me)
{
    public IQueryable<IdentityDecision> Decisions()
    {
        var q = db.Set<IdentityDecision>().AsNoTracking();
        if (me.Has(Permissions.Supervision.ViewAllInstitutions)) return q;
        var tenants = me.TenantIds;
        return q.Where(d => d.InstitutionId != null && tenants.Contains(d.InstitutionId.Value));
    }

    public async Task<IReadOnlyList<DecisionRow>> RowsAsync(IReadOnlyList<IdentityDecision> decisions, string purpose, CancellationToken ct)
    {
        var learners = await accounts.GetLearnerIdentitiesAsync([.. decisions.Select(d => d.LearnerId).Distinct()], false, purpose, ct);
        var ids = decisions.Select(d => d.Id).ToList();
        var reviews = await db.Set<IdentityReview>().AsNoTracking().Where(r => ids.Contains(r.DecisionId)).ToListAsync(ct);
        var latest = reviews.GroupBy(r => r.DecisionId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.AtUtc).First());
        return [.. decisions.Select(d => new DecisionRow(d, learners.GetValueOrDefault(d.LearnerId), latest.GetValueOrDefault(d.Id)))];
    }
}

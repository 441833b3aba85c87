using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Violations.MyViolations;

/// <summary>The learner's own confirmed violations and bans with the reason, basis, consequence and how to appeal.</summary>
[Authorize(Policy = Permissions.Violations.ViewOwn)]
public sealed class MyViolationsModel(AppDbContext db, IEnrollmentApi enrollment, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(Violation Violation, string ProjectName)> Violations { get; private set; } = [];
    public IReadOnlyList<Ban> Bans { get; private set; } = [];
    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        // Only decided, confirmed records: an unconfirmed allegation is not a decision the learner is bound by.
        var list = await db.Set<Violation>().AsNoTracking()
            .Where(v => v.LearnerId == learnerId && v.State == ViolationState.Confirmed).ToListAsync(ct);
        var names = new Dictionary<Guid, string>();
        foreach (var pid in list.Select(v => v.ProjectId).Distinct()) names[pid] = (await enrollment.GetProjectAsync(pid, ct))?.Name ?? "";
        Violations = [.. list.OrderByDescending(v => v.DecidedAtUtc).Select(v => (v, names[v.ProjectId]))];
        Bans = [.. (await db.Set<Ban>().AsNoTracking().Where(b => b.LearnerId == learnerId).ToListAsync(ct)).OrderByDescending(b => b.StartsAtUtc)];
    }
}

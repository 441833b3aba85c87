using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Commitments.Records;

/// <summary>The learner's own signed commitments (all versions, re-signatures and revocations) with their PDFs.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class MyCommitmentsModel(AppDbContext db, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    public IReadOnlyList<(CommitmentRecord Record, string Project, CommitmentRevocation? Revocation)> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var records = await db.Set<CommitmentRecord>().AsNoTracking().Where(r => r.LearnerId == learnerId).OrderByDescending(r => r.SignedAtUtc).ToListAsync(ct);
        var ids = records.Select(r => r.Id).ToList();
        var revocations = await db.Set<CommitmentRevocation>().AsNoTracking().Where(v => ids.Contains(v.RecordId)).ToDictionaryAsync(v => v.RecordId, ct);
        var names = new Dictionary<Guid, string>();
        foreach (var pid in records.Select(r => r.ProjectId).Distinct()) names[pid] = (await enrollment.GetProjectAsync(pid, ct))?.Name ?? "";
        Rows = [.. records.Select(r => (r, names[r.ProjectId], revocations.GetValueOrDefault(r.Id)))];
    }
}

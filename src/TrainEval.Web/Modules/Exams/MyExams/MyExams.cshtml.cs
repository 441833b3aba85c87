using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.MyExams;

/// <summary>The learner's sittings: when, where they stand, and results once published.</summary>
[Authorize(Policy = Permissions.Exams.Sit)]
public sealed class MyExamsModel(AppDbContext db, CurrentUser me) : PageModel
{
    public sealed record Row(Sitting Sitting, ExamAttempt? Attempt);
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var learner = me.RequiredUserId;
        var ids = db.Set<SittingCandidate>().Where(c => c.LearnerId == learner && c.RemovedAtUtc == null).Select(c => c.SittingId);
        var sittings = await db.Set<Sitting>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var attempts = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.LearnerId == learner).ToListAsync(ct);
        Rows = [.. sittings.OrderByDescending(s => s.StartsAtUtc)
            .Select(s => new Row(s, attempts.Where(a => a.SittingId == s.Id).MaxBy(a => a.AttemptNo)))];
    }
}

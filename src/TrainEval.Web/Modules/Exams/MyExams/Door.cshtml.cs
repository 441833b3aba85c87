using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Commitments.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Modules.Verification.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Exams.MyExams;

/// <summary>
/// The door of a sitting (EC-02): what is missing, the identity check for this sitting, the exam commitment, then entry.
/// After submission it shows the result once published (PER-02: result, reason, basis, next step) and the appeal form.
/// </summary>
[Authorize(Policy = Permissions.Exams.Sit)]
public sealed class DoorModel(ExamAttempts attempts, ExamReview review, IVerificationApi verification, ICommitmentsApi commitments,
    AppDbContext db, CurrentUser me) : PageModel
{
    public EntryView View { get; private set; } = null!;
    public string CommitmentUrl { get; private set; } = "";
    public AttemptReview? LatestReview { get; private set; }
    public IReadOnlyList<ResultAppeal> Appeals { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Flash { get; set; }
    [BindProperty] public string AppealText { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid sittingId, CancellationToken ct) => await LoadAsync(sittingId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVerifyAsync(Guid sittingId, CancellationToken ct)
    {
        if (!await LoadAsync(sittingId, ct)) return NotFound();
        if (View.Stage != EntryStage.NeedsIdentity) return RedirectToPage();
        var (url, problem) = await verification.StartCheckAsync(me.RequiredUserId, View.Requirement!.CheckContext, View.Sitting.ProjectId,
            sittingId.ToString(), $"/my/exams/{sittingId}", ct);
        if (url is not null) return Redirect(url);
        Error = problem;
        return Page();
    }

    public async Task<IActionResult> OnPostEnterAsync(Guid sittingId, CancellationToken ct)
    {
        var outcome = await attempts.EnterAsync(me.RequiredUserId, sittingId, ct);
        if (outcome.Ok) return Redirect($"/my/exams/{sittingId}/attempt?entry={outcome.Value}");
        if (!await LoadAsync(sittingId, ct)) return NotFound();
        Error = outcome.Errors.Values.First();
        return Page();
    }

    public async Task<IActionResult> OnPostAppealAsync(Guid sittingId, CancellationToken ct)
    {
        if (!await LoadAsync(sittingId, ct) || View.Attempt is null) return NotFound();
        var outcome = await review.AppealAsync(me.RequiredUserId, View.Attempt.Id, AppealText, ct);
        if (!outcome.Ok)
        {
            Error = outcome.Errors.Values.First();
            return Page();
        }
        Flash = "申诉已提交，评价机构答复后将通过站内消息通知您。";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(Guid sittingId, CancellationToken ct)
    {
        var view = await attempts.ViewAsync(me.RequiredUserId, sittingId, ct);
        if (view is null || view.Stage == EntryStage.NotCandidate) return false;
        View = view;
        CommitmentUrl = commitments.ExamCommitmentUrl(sittingId);
        if (view.Attempt is { } a)
        {
            LatestReview = await db.Set<AttemptReview>().AsNoTracking().Where(r => r.AttemptId == a.Id).OrderByDescending(r => r.AtUtc).FirstOrDefaultAsync(ct);
            Appeals = await db.Set<ResultAppeal>().AsNoTracking().Where(r => r.AttemptId == a.Id).OrderBy(r => r.AtUtc).ToListAsync(ct);
        }
        return true;
    }
}

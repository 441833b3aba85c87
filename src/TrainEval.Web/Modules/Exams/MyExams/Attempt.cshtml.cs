using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Exams.MyExams;

/// <summary>
/// The exam page of one entry. Shown once per entry: a reload or a second tab finds the entry used and goes back to the
/// door, where re-entry needs a new identity check and a new exam commitment (EC-01).
/// </summary>
[Authorize(Policy = Permissions.Exams.Sit)]
public sealed class AttemptModel(ExamAttempts attempts, CurrentUser me) : PageModel
{
    public AttemptPage View { get; private set; } = null!;
    [TempData] public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid sittingId, Guid entry, CancellationToken ct)
    {
        var page = await attempts.OpenPageAsync(me.RequiredUserId, sittingId, entry, ct);
        if (page is null)
        {
            Flash = "考试页面已刷新、在其他页面打开或已交卷。如需继续作答，请重新核验身份并签署考试承诺书后进入。";
            return Redirect($"/my/exams/{sittingId}");
        }
        View = page;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}

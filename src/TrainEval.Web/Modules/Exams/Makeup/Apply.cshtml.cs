using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Exams.Makeup;

/// <summary>
/// The learner's results of one subject (first attempt, re-sits and makeups kept separate, in order, with the one that
/// counts), the makeup rules in force and the application (MKP-01).
/// </summary>
[Authorize(Policy = Permissions.Exams.Sit)]
public sealed class ApplyModel(MakeupDesk desk, CurrentUser me) : PageModel
{
    public LearnerMakeupView View { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [TempData] public string? Flash { get; set; }
    [BindProperty] public string? Statement { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid sittingId, CancellationToken ct) => await LoadAsync(sittingId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid sittingId, CancellationToken ct)
    {
        var outcome = await desk.ApplyAsync(me.RequiredUserId, sittingId, Statement ?? "", ct);
        if (outcome.Ok)
        {
            Flash = "补考申请已提交，评价机构审核后将通过站内消息通知您。";
            return Redirect($"/my/exams/{sittingId}/makeup");
        }
        if (!await LoadAsync(sittingId, ct)) return NotFound();
        Errors = outcome.Errors;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid sittingId, CancellationToken ct)
    {
        var view = await desk.ViewAsync(me.RequiredUserId, sittingId, ct);
        if (view is null) return false;
        View = view;
        return true;
    }
}

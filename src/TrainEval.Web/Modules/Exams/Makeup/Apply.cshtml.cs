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
    [BindProperty] public Guid ApplicationId { get; set; }

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

    /// <summary>「支付补考费」: the application's order in the payments module (opened on first use), paid on the pay page.</summary>
    public async Task<IActionResult> OnPostPayFeeAsync(Guid sittingId, CancellationToken ct)
    {
        var outcome = await desk.FeeOrderNoAsync(me.RequiredUserId, ApplicationId, ct);
        if (outcome.Ok)
            return Redirect($"/my/orders/{Uri.EscapeDataString(outcome.Value!)}/pay?back={Uri.EscapeDataString($"/my/exams/{sittingId}/makeup")}");
        return await FailAsync(sittingId, outcome.Errors, ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid sittingId, CancellationToken ct)
    {
        var outcome = await desk.WithdrawAsync(me.RequiredUserId, ApplicationId, ct);
        if (!outcome.Ok) return await FailAsync(sittingId, outcome.Errors, ct);
        Flash = "补考申请已撤回。已缴的补考费将由财务审批后全额原路退回。";
        return Redirect($"/my/exams/{sittingId}/makeup");
    }

    private async Task<IActionResult> FailAsync(Guid sittingId, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        if (!await LoadAsync(sittingId, ct)) return NotFound();
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
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

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Enrollment.ReviewApplications;

[Authorize(Policy = Permissions.Enrollment.ReviewApplications)]
public sealed class CaseModel(ReviewHandler handler) : PageModel
{
    [BindProperty] public ReviewOutcome Outcome { get; set; }
    [BindProperty] public string Reason { get; set; } = "";
    [BindProperty] public List<string> ResubmitItems { get; set; } = [];
    [BindProperty] public int ResubmitDays { get; set; } = 7;
    public ReviewCase Case { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var c = await handler.CaseAsync(id, ct);
        if (c is null) return NotFound();
        Case = c;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var outcome = await handler.DecideAsync(id, Outcome, Reason, ResubmitItems, ResubmitDays, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = $"已记录审核结论：{ReviewDecision.OutcomeName(Outcome)}，并已通知学员。";
            return Redirect($"/workbench/reviews/{id}");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        var c = await handler.CaseAsync(id, ct);
        if (c is null) return NotFound();
        Case = c;
        return Page();
    }
}

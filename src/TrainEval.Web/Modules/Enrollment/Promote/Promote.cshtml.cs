using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Enrollment.Promote;

[Authorize(Policy = Permissions.Enrollment.Promote)]
public sealed class PromoteModel(PromoteHandler handler, IEnrollmentApi enrollment) : PageModel
{
    [BindProperty] public string ProjectCode { get; set; } = "";
    [BindProperty] public string RealName { get; set; } = "";
    [BindProperty] public string IdNumber { get; set; } = "";
    public IReadOnlyList<PromotedRow> Rows { get; private set; } = [];
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.StartAsync(ProjectCode, RealName, IdNumber, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "已发起报名，并已通知学员本人登录确认。";
            return RedirectToPage();
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await handler.MineAsync(ct);
        Projects = await enrollment.ListPublishedProjectsAsync(ct);
    }
}

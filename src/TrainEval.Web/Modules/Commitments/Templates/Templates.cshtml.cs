using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Templates;

/// <summary>LC-01 / EC-01: the commitment template lines of the user's projects (only the side that owns each kind sees it).</summary>
[Authorize(Policy = Permissions.Commitments.ViewRecords)]
public sealed class TemplatesModel(TemplatesHandler handler) : PageModel
{
    public IReadOnlyList<TemplateLine> Lines { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [BindProperty] public CommitmentKind Kind { get; set; }
    [BindProperty] public Guid ProjectId { get; set; }
    [BindProperty] public string? SittingId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Lines = await handler.LinesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var sitting = (SittingId ?? "").Trim();
        var outcome = sitting.Length == 0 ? await handler.NewDraftAsync(Kind, ProjectId, null, ct)
            : Guid.TryParse(sitting, out var sittingId) ? await handler.NewDraftAsync(Kind, ProjectId, sittingId, ct)
            : Platform.Web.Outcome<CommitmentTemplate>.Fail("SittingId", "场次编号格式不正确。");
        if (outcome.Ok) return Redirect($"/workbench/commitments/templates/{outcome.Value!.Id}");
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Lines = await handler.LinesAsync(ct);
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Live;

/// <summary>A live session for the learner: schedule, join (recorded, then off to the join link), replay link afterwards.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
internal sealed class LiveModel(LiveSessions live) : PageModel
{
    public LiveView View { get; private set; } = null!;
    public string Error { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var view = await live.ViewAsync(projectId, unitId, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostJoinAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var outcome = await live.JoinAsync(projectId, unitId, ct);
        if (outcome.Ok) return Redirect(outcome.Value!);
        if (outcome.Code == "learning.unit_not_found") return NotFound();
        var view = await live.ViewAsync(projectId, unitId, ct);
        if (view is null) return NotFound();
        View = view;
        Error = outcome.Errors.Values.First();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

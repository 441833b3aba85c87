using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Learning.Practice.Practise;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Practice.SelfTests;

/// <summary>
/// A self-test unit of the course (LRN-01, PRC-01): its rules (questions, time limit, pass mark), whether it is
/// unlocked, passed, or in progress, the learner's earlier rounds, and the button that starts or resumes a round.
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class SelfTestModel(PracticeHandler handler) : PageModel
{
    public SelfTestView View { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var course = await handler.CourseAsync(projectId, ct);
        if (course is { Enrolled: false }) return StatusCode(StatusCodes.Status403Forbidden);
        var view = await handler.SelfTestAsync(projectId, unitId, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var outcome = await handler.StartSelfTestAsync(projectId, unitId, ct);
        if (outcome.Ok) return Redirect($"/my/courses/{projectId}/practice/rounds/{outcome.Value!.Id}");
        var view = await handler.SelfTestAsync(projectId, unitId, ct);
        if (view is null) return outcome.Code == PracticeErrors.NotActivated ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        View = view;
        Errors = outcome.Errors;
        Response.StatusCode = outcome.Code == PracticeErrors.NotActivated ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

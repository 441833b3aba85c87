using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice.Practise;

/// <summary>
/// The learner's practice page (PRC-01, PRC-02): knowledge points with question counts and own accuracy (专项练习),
/// course sections (阶段测验), self-test units, the wrong-answer book, and the practice records.
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class PracticeModel(PracticeHandler handler) : PageModel
{
    public PracticeHome? Home { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct) => await ShowAsync(projectId, ct);

    /// <summary>Starts a round: Mode = Special (Scope = knowledge point), Stage (Scope = section id) or WrongBook.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid projectId, PracticeMode mode, string? scope, CancellationToken ct)
    {
        var outcome = await handler.StartAsync(projectId, mode, scope, ct);
        if (outcome.Ok) return Redirect($"/my/courses/{projectId}/practice/rounds/{outcome.Value!.Id}");
        return await FailAsync(projectId, outcome, ct);
    }

    private async Task<IActionResult> FailAsync<T>(Guid projectId, Outcome<T> outcome, CancellationToken ct)
    {
        Errors = outcome.Errors;
        var page = await ShowAsync(projectId, ct);
        if (page is PageResult)
            Response.StatusCode = outcome.Code == PracticeErrors.NotActivated ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private async Task<IActionResult> ShowAsync(Guid projectId, CancellationToken ct)
    {
        var course = await handler.CourseAsync(projectId, ct);
        if (course is null) return NotFound();
        if (!course.Enrolled)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Home = await handler.HomeAsync(projectId, ct);
        return Page();
    }

    public static string Duration(int seconds) => seconds < 60 ? $"{seconds} 秒"
        : seconds < 3600 ? $"{seconds / 60} 分 {seconds % 60} 秒" : $"{seconds / 3600} 小时 {seconds % 3600 / 60} 分";

    public static string Beijing(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");
}

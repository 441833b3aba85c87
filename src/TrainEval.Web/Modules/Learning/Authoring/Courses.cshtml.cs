using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Authoring;

/// <summary>The institution's projects and their courses; creates the course of a project with sections from its modules (LRN-01).</summary>
[Authorize(Policy = Permissions.Learning.ManageCourses)]
public sealed class CoursesModel(CourseAuthoringHandler handler) : PageModel
{
    [BindProperty] public Guid ProjectId { get; set; }
    public IReadOnlyList<ProjectCourseRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => Rows = await handler.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var outcome = await handler.CreateAsync(ProjectId, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "课程已创建：章节按项目公示的课程模块生成。请添加视频、直播、资料和自测单元。";
            return Redirect($"/workbench/courses/{outcome.Value!.Id}");
        }
        Errors = outcome.Errors;
        Rows = await handler.ListAsync(ct);
        Response.StatusCode = outcome.Code == CourseErrors.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

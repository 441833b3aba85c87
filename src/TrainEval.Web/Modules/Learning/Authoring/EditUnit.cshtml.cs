using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Authoring;

/// <summary>
/// One unit: its fields, its content (MP4 upload to the streaming endpoint, PDF/image upload, live replay), its
/// prerequisites (LRN-02, no cycles) and archiving. Upload refusals come back as an error code in the query string.
/// </summary>
[Authorize(Policy = Permissions.Learning.ManageCourses)]
public sealed class EditUnitModel(CourseAuthoringHandler handler) : PageModel
{
    [BindProperty] public UnitInput Unit { get; set; } = new();
    [BindProperty] public List<Guid> Requires { get; set; } = [];
    [BindProperty] public IFormFile? Upload { get; set; }

    public CourseWorkspace Workspace { get; private set; } = null!;
    public CourseUnit Current { get; private set; } = null!;
    public ContentOptions Limits => handler.Limits;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public string ErrorsFor { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(Guid courseId, Guid unitId, [FromQuery] string? uploadError, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(uploadError))
        {
            Errors = new Dictionary<string, string> { ["File"] = handler.UploadMessage(uploadError) };
            ErrorsFor = "content";
        }
        return ShowAsync(courseId, unitId, "", ct);
    }

    public Task<IActionResult> OnPostUpdateAsync(Guid courseId, Guid unitId, CancellationToken ct)
        => RunAsync(courseId, unitId, "unit", ct => handler.UpdateUnitAsync(courseId, unitId, Unit, ct), "单元已保存。", "#unit", ct, "Unit");

    public Task<IActionResult> OnPostPrerequisitesAsync(Guid courseId, Guid unitId, CancellationToken ct)
        => RunAsync(courseId, unitId, "requires", ct => handler.SetPrerequisitesAsync(courseId, unitId, Requires, ct), "前置任务已保存。", "#requires", ct);

    public Task<IActionResult> OnPostDocumentAsync(Guid courseId, Guid unitId, CancellationToken ct)
        => RunAsync(courseId, unitId, "content", ct => handler.AttachDocumentAsync(courseId, unitId, Upload, ct), "资料已上传。", "#content", ct);

    public Task<IActionResult> OnPostArchiveAsync(Guid courseId, Guid unitId, CancellationToken ct)
        => RunAsync(courseId, unitId, "archive", ct => handler.ArchiveUnitAsync(courseId, unitId, ct), "单元已归档：学员不再看到它，已有学习记录保留。", "", ct,
            redirectToCourse: true);

    public bool HasError(string form, string field) => ErrorsFor == form && Errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string> ErrorsOf(string form) => ErrorsFor == form ? Errors : new Dictionary<string, string>();

    private async Task<IActionResult> RunAsync(Guid courseId, Guid unitId, string form, Func<CancellationToken, Task<Outcome<CourseUnit>>> action, string flash,
        string anchor, CancellationToken ct, string? boundPrefix = null, bool redirectToCourse = false)
    {
        var unreadable = EditCourseModel.Unreadable(ModelState, boundPrefix, EditCourseModel.FieldLabel);
        var outcome = unreadable.Count > 0 ? null : await action(ct);
        if (outcome is { Ok: true })
        {
            TempData["Flash"] = flash;
            return Redirect(redirectToCourse ? $"/workbench/courses/{courseId}#structure" : $"/workbench/courses/{courseId}/units/{unitId}{anchor}");
        }
        Errors = outcome?.Errors ?? unreadable;
        ErrorsFor = form;
        Response.StatusCode = outcome?.Code == CourseErrors.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(courseId, unitId, form, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid courseId, Guid unitId, string failedForm, CancellationToken ct)
    {
        var workspace = await handler.WorkspaceAsync(courseId, ct);
        var unit = workspace?.Units.FirstOrDefault(u => u.Id == unitId);
        if (workspace is null || unit is null) return NotFound();
        Workspace = workspace;
        Current = unit;
        if (failedForm != "unit") Unit = UnitInput.From(unit);
        if (failedForm != "requires") Requires = workspace.PrerequisitesOf(unitId).Select(u => u.Id).ToList();
        return Page();
    }
}

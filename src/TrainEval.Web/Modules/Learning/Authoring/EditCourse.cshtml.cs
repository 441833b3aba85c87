using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Authoring;

/// <summary>
/// One course: title and summary, ledger settings and completion rule, sections and units in order (LRN-01, LRN-02,
/// PLT-02). Units are edited, given prerequisites and content on their own page. Each form reports its errors next to it.
/// </summary>
[Authorize(Policy = Permissions.Learning.ManageCourses)]
public sealed class EditCourseModel(CourseAuthoringHandler handler) : PageModel
{
    [BindProperty] public CourseInfoInput Info { get; set; } = new();
    [BindProperty] public CourseRulesInput Rules { get; set; } = new();
    [BindProperty] public SectionInput Section { get; set; } = new();
    [BindProperty] public UnitInput Unit { get; set; } = new();
    [BindProperty] public Guid ItemId { get; set; }
    [BindProperty] public int Direction { get; set; }

    public CourseWorkspace Workspace { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    /// <summary>Which form failed ("info", "rules", "section", "unit", "move", or "section-{id}").</summary>
    public string ErrorsFor { get; private set; } = "";

    public Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken ct) => ShowAsync(courseId, "", ct);

    public Task<IActionResult> OnPostInfoAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, "info", ct => handler.RenameAsync(courseId, Info, ct), "课程信息已保存。", "#info", ct, "Info");

    public Task<IActionResult> OnPostRulesAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, "rules", ct => handler.SetRulesAsync(courseId, Rules, ct), "学习规则已保存。", "#rules", ct, "Rules");

    public Task<IActionResult> OnPostAddSectionAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, "section", ct => handler.AddSectionAsync(courseId, Section, ct), "已添加章节。", "#structure", ct, "Section");

    public Task<IActionResult> OnPostUpdateSectionAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, $"section-{ItemId}", ct => handler.UpdateSectionAsync(courseId, ItemId, Section, ct), "章节已保存。", $"#section-{ItemId}", ct, "Section");

    public Task<IActionResult> OnPostMoveSectionAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, "move", ct => handler.MoveSectionAsync(courseId, ItemId, Direction, ct), "章节顺序已调整。", $"#section-{ItemId}", ct);

    public Task<IActionResult> OnPostAddUnitAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, "unit", ct => handler.AddUnitAsync(courseId, Unit, ct), "已添加单元。视频和资料单元请在单元页上传内容。", "", ct, "Unit",
            unit => $"/workbench/courses/{courseId}/units/{unit.Id}");

    public Task<IActionResult> OnPostMoveUnitAsync(Guid courseId, CancellationToken ct)
        => RunAsync(courseId, "move", ct => handler.MoveUnitAsync(courseId, ItemId, Direction, ct), "单元顺序已调整。", $"#unit-{ItemId}", ct);

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["DailyCapMinutes"] = "每日有效学时上限", ["InteractionIntervalMinutes"] = "互动确认间隔", ["IdentityChecksPerVideo"] = "人脸核验次数",
        ["RequiredMinutes"] = "要求的有效学习时长", ["PracticeMinAnswered"] = "练习题量", ["PracticeMinAccuracyPercent"] = "练习正确率",
        ["ReadingMinutes"] = "建议阅读时长", ["LiveMinutes"] = "计划直播时长", ["QuestionCount"] = "自测题量", ["PassPercent"] = "及格线",
        ["TimeLimitMinutes"] = "限时", ["Kind"] = "单元类型", ["SectionId"] = "所属章节",
    };

    internal static string FieldLabel(string field) => Labels.GetValueOrDefault(field, "填写的内容");

    public bool HasError(string form, string field) => ErrorsFor == form && Errors.ContainsKey(field);

    /// <summary>Values the binder could not read (letters in a number field), reported instead of silently dropped.</summary>
    internal static Dictionary<string, string> Unreadable(ModelStateDictionary state, string? prefix, Func<string, string> label)
        => prefix is null ? [] : state
            .Where(kv => kv.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && kv.Value is { Errors.Count: > 0, AttemptedValue.Length: > 0 })
            .ToDictionary(kv => kv.Key[(prefix.Length + 1)..], kv => $"{label(kv.Key[(prefix.Length + 1)..])}：“{kv.Value!.AttemptedValue}”不是有效的取值。");

    public IReadOnlyDictionary<string, string> ErrorsOf(string form) => ErrorsFor == form ? Errors : new Dictionary<string, string>();

    private async Task<IActionResult> RunAsync<T>(Guid courseId, string form, Func<CancellationToken, Task<Outcome<T>>> action, string flash, string anchor,
        CancellationToken ct, string? boundPrefix = null, Func<T, string>? redirect = null)
    {
        var unreadable = Unreadable(ModelState, boundPrefix, FieldLabel);
        var outcome = unreadable.Count > 0 ? null : await action(ct);
        if (outcome is { Ok: true })
        {
            TempData["Flash"] = flash;
            return Redirect(redirect is null ? $"/workbench/courses/{courseId}{anchor}" : redirect(outcome.Value!));
        }
        if (outcome?.Code == CourseErrors.NotFound && await handler.WorkspaceAsync(courseId, ct) is null) return NotFound();
        Errors = outcome?.Errors ?? unreadable;
        ErrorsFor = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(courseId, form, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid courseId, string failedForm, CancellationToken ct)
    {
        var workspace = await handler.WorkspaceAsync(courseId, ct);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        var c = workspace.Course;
        if (failedForm != "info") Info = new() { Title = c.Title, Summary = c.Summary };
        if (failedForm != "rules") Rules = CourseRulesInput.From(c.Rules);
        if (failedForm != "section") Section = new();
        if (failedForm != "unit")
            Unit = new() { Kind = UnitKind.Video, Required = true, SectionId = workspace.Ordered.FirstOrDefault().Section?.Id, ReadingMinutes = 10, LiveMinutes = 60,
                QuestionCount = 10, PassPercent = 60, TimeLimitMinutes = 20 };
        return Page();
    }
}

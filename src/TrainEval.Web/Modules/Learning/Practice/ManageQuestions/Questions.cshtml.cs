using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice.ManageQuestions;

/// <summary>The practice question bank of one course: filters, counts per knowledge point, add, archive, Excel import and template.</summary>
[Authorize(Policy = Permissions.Learning.ManageCourses)]
public sealed class QuestionsModel(QuestionBankHandler handler) : PageModel
{
    [BindProperty] public QuestionInput Input { get; set; } = new();
    [BindProperty] public Guid QuestionId { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true)] public string? Kp { get; set; }
    [BindProperty(SupportsGet = true)] public QuestionKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }

    public BankView Bank { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    /// <summary>"add" or "import": which form the errors belong to.</summary>
    public string ErrorsFor { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid courseId, CancellationToken ct)
    {
        Input.Kind = QuestionKind.Single;
        return await ShowAsync(courseId, ct);
    }

    public async Task<IActionResult> OnGetTemplateAsync(Guid courseId, CancellationToken ct)
    {
        if (await handler.CourseAsync(courseId, ct) is null) return NotFound();
        return File(QuestionImport.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "练习题导入模板.xlsx");
    }

    public async Task<IActionResult> OnPostAddAsync(Guid courseId, CancellationToken ct)
    {
        var outcome = await handler.AddAsync(courseId, Input, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = $"已添加题目（{outcome.Value!.KnowledgePoint}）。";
            return Redirect($"/workbench/courses/{courseId}/questions#add");
        }
        return await FailAsync(courseId, "add", outcome, ct);
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid courseId, CancellationToken ct)
    {
        var outcome = await handler.ArchiveAsync(courseId, QuestionId, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "题目已停用：不再出现在练习中，已有的作答记录保留。";
            return Redirect($"/workbench/courses/{courseId}/questions");
        }
        return await FailAsync(courseId, "archive", outcome, ct);
    }

    public async Task<IActionResult> OnPostImportAsync(Guid courseId, CancellationToken ct)
    {
        Outcome<int> outcome;
        if (Upload is null || Upload.Length == 0) outcome = Outcome<int>.Fail("File", "请选择要导入的 Excel 文件（.xlsx）。");
        else if (Upload.Length > QuestionImport.MaxFileKb * 1024L) outcome = Outcome<int>.Fail("File", $"文件过大：不能超过 {QuestionImport.MaxFileKb / 1024} MB。");
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            outcome = await handler.ImportAsync(courseId, buffer.ToArray(), Path.GetFileName(Upload.FileName), ct);
        }
        if (outcome.Ok)
        {
            TempData["Flash"] = $"已导入 {outcome.Value} 道题目。";
            return Redirect($"/workbench/courses/{courseId}/questions");
        }
        return await FailAsync(courseId, "import", outcome, ct);
    }

    private async Task<IActionResult> FailAsync<T>(Guid courseId, string form, Outcome<T> outcome, CancellationToken ct)
    {
        if (outcome.Code == PracticeErrors.NotFound) return NotFound();
        Errors = outcome.Errors;
        ErrorsFor = form;
        var page = await ShowAsync(courseId, ct);
        if (page is PageResult) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private async Task<IActionResult> ShowAsync(Guid courseId, CancellationToken ct)
    {
        var bank = await handler.BankAsync(courseId, new BankFilter(Kp, Kind, Archived), ct);
        if (bank is null) return NotFound();
        Bank = bank;
        return Page();
    }

    public bool HasError(string field) => ErrorsFor == "add" && Errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string> ErrorsOf(string form) => ErrorsFor == form ? Errors : new Dictionary<string, string>();
}

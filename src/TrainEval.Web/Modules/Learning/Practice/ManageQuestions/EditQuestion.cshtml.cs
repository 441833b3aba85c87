using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.Practice.ManageQuestions;

/// <summary>
/// Changes a practice question the only honest way: saving archives the current question and adds the changed one,
/// so rounds and answers already recorded keep pointing at the question the learner saw.
/// </summary>
[Authorize(Policy = Permissions.Learning.ManageCourses)]
public sealed class EditQuestionModel(QuestionBankHandler handler) : PageModel
{
    [BindProperty] public QuestionInput Input { get; set; } = new();
    public PracticeQuestion Question { get; private set; } = null!;
    public Content.Course Course { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid courseId, Guid questionId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, questionId, ct)) return NotFound();
        Input = QuestionInput.From(Question);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid courseId, Guid questionId, CancellationToken ct)
    {
        var outcome = await handler.ReplaceAsync(courseId, questionId, Input, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "已保存：原题已停用，修改后的题目已加入题库。";
            return Redirect($"/workbench/courses/{courseId}/questions");
        }
        if (outcome.Code == PracticeErrors.NotFound || !await LoadAsync(courseId, questionId, ct)) return NotFound();
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid courseId, Guid questionId, CancellationToken ct)
    {
        var course = await handler.CourseAsync(courseId, ct);
        var question = course is null ? null : await handler.QuestionAsync(courseId, questionId, ct);
        if (course is null || question is null) return false;
        Course = course;
        Question = question;
        return true;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice.Practise;

/// <summary>
/// One practice round: the drawn questions to answer and submit once, then the result with the correct answer and the
/// explanation of every question. Answers are posted as q-{questionId} = letter(s) or T/F.
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class RoundModel(PracticeHandler handler) : PageModel
{
    public const string FieldPrefix = "q-";

    public RoundView View { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    /// <summary>What the learner had chosen when a submission is refused, so nothing is lost.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<string>> Posted { get; private set; } = new Dictionary<Guid, IReadOnlyList<string>>();

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid attemptId, CancellationToken ct)
    {
        var view = await handler.RoundAsync(projectId, attemptId, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid projectId, Guid attemptId, CancellationToken ct)
    {
        var answers = new Dictionary<Guid, IReadOnlyList<string>>();
        var unreadable = false;
        foreach (var (key, values) in Request.Form)
        {
            if (!key.StartsWith(FieldPrefix, StringComparison.Ordinal)) continue;
            if (Guid.TryParse(key.AsSpan(FieldPrefix.Length), out var id)) answers[id] = values.Select(v => v ?? "").ToList();
            else unreadable = true;
        }
        var outcome = unreadable
            ? Outcome<PracticeAttempt>.Fail("", "提交的答案包含不属于本轮练习的题目，未予记录。", PracticeErrors.NotInRound)
            : await handler.SubmitAsync(projectId, attemptId, answers, ct);
        if (outcome.Ok)
        {
            var a = outcome.Value!;
            TempData["Flash"] = a.Mode == PracticeMode.SelfTest
                ? $"已提交：得分 {a.ScorePercent} 分，{(a.Passed ? "自测通过" : "未通过")}。"
                : $"已提交：答对 {a.CorrectCount} / {a.QuestionCount} 题，得分 {a.ScorePercent} 分。";
            return Redirect($"/my/courses/{projectId}/practice/rounds/{attemptId}");
        }
        var view = await handler.RoundAsync(projectId, attemptId, ct);
        if (view is null || outcome.Code == PracticeErrors.NotFound) return NotFound();
        View = view;
        Errors = outcome.Errors;
        Posted = answers;
        Response.StatusCode = outcome.Code == PracticeErrors.NotActivated ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public bool Chosen(Guid questionId, string value) => Posted.TryGetValue(questionId, out var v) && v.Contains(value);
}

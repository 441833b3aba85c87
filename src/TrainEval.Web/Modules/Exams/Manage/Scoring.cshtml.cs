using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Exams.Manage;

/// <summary>
/// The examiner's page (考评员评分): practical items of submitted attempts awaiting publication in the examiner's
/// institutions, marked blind (attempt code, no name). Scores are appended; the latest counts and earlier ones stay.
/// </summary>
[Authorize(Policy = Permissions.Exams.Score)]
public sealed class ScoringModel(ExamReview review) : PageModel
{
    public const int MaxAttempts = 200;
    public IReadOnlyList<ScoringItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty] public Guid AttemptId { get; set; }
    [BindProperty] public Guid QuestionId { get; set; }
    [BindProperty] public decimal Points { get; set; }
    [BindProperty] public string Note { get; set; } = "";
    [TempData] public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Items = await review.ScoringQueueAsync(!All, MaxAttempts, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await review.ScorePracticalAsync(AttemptId, QuestionId, Points, Note ?? "", ct);
        if (outcome.Ok)
        {
            Flash = $"已记录答卷 {ExamReview.AttemptCode(AttemptId)} 的实操评分。";
            return Redirect(All ? "/workbench/exams/scoring?All=true" : "/workbench/exams/scoring");
        }
        Errors = outcome.Errors;
        Items = await review.ScoringQueueAsync(!All, MaxAttempts, ct);
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Manage;

/// <summary>Post-exam review of a sitting (PER-01/02): flagged attempts first, evidence, decisions, practical scores, appeals.</summary>
[Authorize(Policy = Permissions.Exams.ManageBatches)]
public sealed class ReviewModel(ExamReview review, AppDbContext db, IAccountsApi accounts) : PageModel
{
    public Sitting Sitting { get; private set; } = null!;
    public IReadOnlyList<ReviewRow> Rows { get; private set; } = [];
    public ILookup<Guid, AttemptEvent> Events { get; private set; } = Array.Empty<AttemptEvent>().ToLookup(e => e.AttemptId);
    public ILookup<Guid, ResultAppeal> Appeals { get; private set; } = Array.Empty<ResultAppeal>().ToLookup(e => e.AttemptId);
    public IReadOnlyDictionary<Guid, ExamQuestion> Practical { get; private set; } = new Dictionary<Guid, ExamQuestion>();
    public IReadOnlyDictionary<(Guid, Guid), string> PracticalAnswers { get; private set; } = new Dictionary<(Guid, Guid), string>();
    public IReadOnlyDictionary<Guid, LearnerIdentity> People { get; private set; } = new Dictionary<Guid, LearnerIdentity>();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [TempData] public string? Flash { get; set; }
    [BindProperty] public Guid AttemptId { get; set; }
    [BindProperty] public ReviewOutcome Outcome { get; set; }
    [BindProperty] public string Reason { get; set; } = "";
    [BindProperty] public string Basis { get; set; } = "";
    [BindProperty] public string NextStep { get; set; } = "";
    [BindProperty] public decimal? CorrectedScore { get; set; }
    [BindProperty] public bool PlatformCaused { get; set; }
    [BindProperty] public Guid QuestionId { get; set; }
    [BindProperty] public decimal Points { get; set; }
    [BindProperty] public Guid AppealId { get; set; }
    [BindProperty] public string Reply { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct)
        => await DoneAsync(id, await review.DecideAsync(AttemptId, new DecisionInput(Outcome, Reason ?? "", Basis ?? "", NextStep ?? "", CorrectedScore, PlatformCaused), ct), "已记录复核决定并通知考生。", ct);

    public async Task<IActionResult> OnPostScoreAsync(Guid id, CancellationToken ct)
        => await DoneAsync(id, await review.ScorePracticalAsync(AttemptId, QuestionId, Points, Reason ?? "", ct), "已记录实操评分。", ct);

    public async Task<IActionResult> OnPostReplyAsync(Guid id, CancellationToken ct)
        => await DoneAsync(id, await review.ReplyAppealAsync(AppealId, Reply ?? "", ct), "已答复申诉并通知考生。", ct);

    private async Task<IActionResult> DoneAsync(Guid id, Outcome<bool> outcome, string message, CancellationToken ct)
    {
        if (outcome.Ok)
        {
            Flash = message;
            return Redirect($"/workbench/exams/sittings/{id}/review");
        }
        Errors = outcome.Errors;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var (sitting, rows) = await review.QueueAsync(id, ct);
        if (sitting is null) return false;
        Sitting = sitting;
        Rows = rows;
        var ids = rows.Select(r => r.Attempt.Id).ToList();
        Events = (await db.Set<AttemptEvent>().AsNoTracking().Where(e => ids.Contains(e.AttemptId)).OrderBy(e => e.AtUtc).ToListAsync(ct)).ToLookup(e => e.AttemptId);
        Appeals = (await db.Set<ResultAppeal>().AsNoTracking().Where(a => ids.Contains(a.AttemptId)).OrderBy(a => a.AtUtc).ToListAsync(ct)).ToLookup(a => a.AttemptId);
        var questionIds = rows.SelectMany(r => r.Attempt.Layout().Select(l => l.Q)).Distinct().ToList();
        Practical = await db.Set<ExamQuestion>().AsNoTracking().Where(q => questionIds.Contains(q.Id) && q.Kind == ExamQuestionKind.Practical).ToDictionaryAsync(q => q.Id, ct);
        var practicalIds = Practical.Keys.ToList();
        PracticalAnswers = (await db.Set<ExamAnswer>().AsNoTracking().Where(a => ids.Contains(a.AttemptId) && practicalIds.Contains(a.QuestionId)).ToListAsync(ct))
            .ToDictionary(a => (a.AttemptId, a.QuestionId), a => a.Answer);
        People = await accounts.GetLearnerIdentitiesAsync(rows.Select(r => r.Attempt.LearnerId).Distinct().ToList(), reveal: false, "exams.review", ct);
        return true;
    }

    public string NameOf(Guid learnerId) => People.TryGetValue(learnerId, out var p) ? $"{p.RealName}（{p.IdNumber}）" : learnerId.ToString();
}

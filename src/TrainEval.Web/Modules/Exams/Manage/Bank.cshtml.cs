using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Manage;

/// <summary>Exam banks and papers of the evaluation institution (EXM-01, BAT-10).</summary>
[Authorize(Policy = Permissions.Exams.ManageBanks)]
public sealed class BankModel(ExamContentAdmin content, AppDbContext db) : PageModel
{
    public IReadOnlyList<QuestionBank> Banks { get; private set; } = [];
    public QuestionBank? Bank { get; private set; }
    public IReadOnlyList<ExamQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<ExamPaper> Papers { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [TempData] public string? Flash { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? BankId { get; set; }
    [BindProperty] public QuestionForm Q { get; set; } = new();
    [BindProperty] public PaperForm P { get; set; } = new();
    [BindProperty] public Guid QuestionId { get; set; }

    public sealed class QuestionForm
    {
        public string KnowledgePoint { get; set; } = "";
        public ExamQuestionKind Kind { get; set; } = ExamQuestionKind.Single;
        public string Stem { get; set; } = "";
        /// <summary>One option per line.</summary>
        public string Options { get; set; } = "";
        /// <summary>Letters of the right options, e.g. "A" or "AC"; for true/false "A" = 正确, "B" = 错误.</summary>
        public string Correct { get; set; } = "";
        public string Rubric { get; set; } = "";
        public decimal Points { get; set; } = 1;
    }

    public sealed class PaperForm
    {
        public string Name { get; set; } = "";
        public string Subject { get; set; } = "理论知识";
        public PaperMode Mode { get; set; } = PaperMode.Blueprint;
        public List<Guid> QuestionIds { get; set; } = [];
        /// <summary>One line per rule: 知识点|题型(单选/多选/判断/实操)|数量.</summary>
        public string Blueprint { get; set; } = "";
        public decimal PassScore { get; set; } = 60;
        public bool ShuffleQuestions { get; set; } = true;
        public bool ShuffleOptions { get; set; } = true;
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostQuestionAsync(CancellationToken ct)
    {
        var options = Q.Kind is ExamQuestionKind.Single or ExamQuestionKind.Multiple
            ? (Q.Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList() : [];
        var correct = (Q.Correct ?? "").ToUpperInvariant().Where(char.IsAsciiLetterUpper).Select(c => c - 'A').ToList();
        var outcome = await content.AddQuestionAsync(new QuestionInput(BankId ?? Guid.Empty, Q.KnowledgePoint ?? "", Q.Kind, Q.Stem ?? "", options, correct, Q.Rubric ?? "", Q.Points), ct);
        return await DoneAsync(outcome, "已添加题目。", ct);
    }

    public async Task<IActionResult> OnPostArchiveAsync(CancellationToken ct) => await DoneAsync(await content.ArchiveQuestionAsync(QuestionId, ct), "已停用题目（已用于试卷的答卷不受影响）。", ct);

    public async Task<IActionResult> OnPostPaperAsync(CancellationToken ct)
    {
        var lines = new List<BlueprintLine>();
        foreach (var raw in (P.Blueprint ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split('|', StringSplitOptions.TrimEntries);
            ExamQuestionKind? kind = parts.Length == 3 ? parts[1] switch { "单选" => ExamQuestionKind.Single, "多选" => ExamQuestionKind.Multiple, "判断" => ExamQuestionKind.TrueFalse, "实操" => ExamQuestionKind.Practical, _ => null } : null;
            if (kind is null || !int.TryParse(parts[2], out var n))
            {
                Errors = new Dictionary<string, string> { ["Blueprint"] = $"组卷规则“{raw}”格式应为：知识点|单选/多选/判断/实操|数量" };
                await LoadAsync(ct);
                return Page();
            }
            lines.Add(new BlueprintLine(parts[0], kind.Value, n));
        }
        var outcome = await content.CreatePaperAsync(new PaperInput(BankId ?? Guid.Empty, P.Name ?? "", P.Subject ?? "", P.Mode, P.QuestionIds, lines,
            P.PassScore, P.ShuffleQuestions, P.ShuffleOptions), ct);
        return await DoneAsync(outcome, "已创建试卷。", ct);
    }

    private async Task<IActionResult> DoneAsync<T>(Outcome<T> outcome, string message, CancellationToken ct)
    {
        if (outcome.Ok)
        {
            Flash = message;
            return Redirect($"/workbench/exams/bank?bankId={BankId}");
        }
        Errors = outcome.Errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Banks = await content.Banks().AsNoTracking().OrderBy(b => b.CreatedAtUtc).ToListAsync(ct);
        Bank = Banks.FirstOrDefault(b => b.Id == BankId) ?? Banks.FirstOrDefault();
        BankId = Bank?.Id;
        if (Bank is null) return;
        Questions = await db.Set<ExamQuestion>().AsNoTracking().Where(q => q.BankId == Bank.Id).OrderBy(q => q.ArchivedAtUtc != null).ThenBy(q => q.KnowledgePoint).ThenBy(q => q.Kind).ToListAsync(ct);
        Papers = await db.Set<ExamPaper>().AsNoTracking().Where(p => p.BankId == Bank.Id).OrderByDescending(p => p.CreatedAtUtc).ToListAsync(ct);
    }
}

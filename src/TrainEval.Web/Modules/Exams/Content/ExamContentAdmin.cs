using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Content;

public sealed record QuestionInput(Guid BankId, string KnowledgePoint, ExamQuestionKind Kind, string Stem, IReadOnlyList<string> Options, IReadOnlyList<int> Correct,
    string Rubric, decimal Points);

public sealed record PaperInput(Guid BankId, string Name, string Subject, PaperMode Mode, IReadOnlyList<Guid> QuestionIds, IReadOnlyList<BlueprintLine> Blueprint,
    decimal PassScore, bool ShuffleQuestions, bool ShuffleOptions);

/// <summary>
/// Exam banks and papers (EXM-01), owned by the evaluation institution; training staff never reach them (BAT-10: the
/// pages need <c>exams.banks.manage</c>, which only evaluation roles hold, and every query is scoped to the user's institutions).
/// </summary>
public sealed class ExamContentAdmin(AppDbContext db, TimeProvider clock, CurrentUser me, AuditLog audit)
{
    public IQueryable<QuestionBank> Banks()
    {
        var tenants = me.TenantIds.ToList();
        return db.Set<QuestionBank>().Where(b => tenants.Contains(b.OwnerInstitutionId));
    }

    public async Task<Outcome<Guid>> AddQuestionAsync(QuestionInput input, CancellationToken ct)
    {
        var bank = await Banks().SingleOrDefaultAsync(b => b.Id == input.BankId, ct);
        if (bank is null) return Outcome<Guid>.Fail("BankId", "题库不存在", "exams.not_found");
        var errors = Validate(input);
        if (errors.Count > 0) return Outcome<Guid>.Fail(errors);
        var options = input.Kind == ExamQuestionKind.TrueFalse ? ["正确", "错误"] : input.Kind == ExamQuestionKind.Practical ? [] : input.Options.Select(o => o.Trim()).ToList();
        var key = input.Kind == ExamQuestionKind.Practical ? "" : string.Join(",", input.Correct.Distinct().Order());
        var q = ExamQuestion.Create(bank.Id, input.KnowledgePoint.Trim(), input.Kind, input.Stem.Trim(), options, key, input.Rubric.Trim(), input.Points,
            me.RequiredUserId, clock.GetUtcNow().UtcDateTime);
        db.Set<ExamQuestion>().Add(q);
        audit.Record("exams.question.added", "ExamQuestion", q.Id.ToString(), new { bank = bank.Id, q.Kind, q.KnowledgePoint, q.Points }, bank.OwnerInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Success(q.Id);
    }

    public static Dictionary<string, string> Validate(QuestionInput input)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.KnowledgePoint) || input.KnowledgePoint.Length > 100) errors["KnowledgePoint"] = "请填写知识点（100 字以内）";
        if (string.IsNullOrWhiteSpace(input.Stem) || input.Stem.Length > 2000) errors["Stem"] = "请填写题干（2000 字以内）";
        if (input.Points is <= 0 or > 100) errors["Points"] = "分值应大于 0 且不超过 100";
        switch (input.Kind)
        {
            case ExamQuestionKind.Single or ExamQuestionKind.Multiple:
                var options = input.Options.Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
                if (options.Count != input.Options.Count || options.Count is < 2 or > 8) errors["Options"] = "选项应有 2–8 个且不能为空";
                else if (options.Any(o => o.Length > 500)) errors["Options"] = "每个选项不超过 500 字";
                else if (options.Select(o => o.Trim()).Distinct().Count() != options.Count) errors["Options"] = "选项不能重复";
                var correct = input.Correct.Distinct().ToList();
                if (correct.Count == 0 || correct.Any(c => c < 0 || c >= input.Options.Count)) errors["Correct"] = "请选择正确答案";
                else if (input.Kind == ExamQuestionKind.Single && correct.Count != 1) errors["Correct"] = "单选题只能有一个正确答案";
                else if (input.Kind == ExamQuestionKind.Multiple && correct.Count < 2) errors["Correct"] = "多选题至少有两个正确答案";
                break;
            case ExamQuestionKind.TrueFalse:
                if (input.Correct.Count != 1 || input.Correct[0] is not (0 or 1)) errors["Correct"] = "请选择“正确”或“错误”";
                break;
            case ExamQuestionKind.Practical:
                if (string.IsNullOrWhiteSpace(input.Rubric) || input.Rubric.Length > 2000) errors["Rubric"] = "实操题须填写评分标准（2000 字以内）";
                break;
            default:
                errors["Kind"] = "未知题型";
                break;
        }
        return errors;
    }

    public async Task<Outcome<bool>> ArchiveQuestionAsync(Guid questionId, CancellationToken ct)
    {
        var banks = Banks().Select(b => b.Id);
        var q = await db.Set<ExamQuestion>().SingleOrDefaultAsync(x => x.Id == questionId && banks.Contains(x.BankId), ct);
        if (q is null) return Outcome<bool>.Fail("", "题目不存在", "exams.not_found");
        q.Archive(clock.GetUtcNow().UtcDateTime);
        audit.Record("exams.question.archived", "ExamQuestion", q.Id.ToString());
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Success(true);
    }

    public async Task<Outcome<Guid>> CreatePaperAsync(PaperInput input, CancellationToken ct)
    {
        var bank = await Banks().SingleOrDefaultAsync(b => b.Id == input.BankId, ct);
        if (bank is null) return Outcome<Guid>.Fail("BankId", "题库不存在", "exams.not_found");
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 100) errors["Name"] = "请填写试卷名称（100 字以内）";
        if (string.IsNullOrWhiteSpace(input.Subject) || input.Subject.Length > 50) errors["Subject"] = "请填写科目（50 字以内）";
        if (input.Mode == PaperMode.Blueprint && input.Blueprint.Any(l => l.Count is < 1 or > 200)) errors["Blueprint"] = "每条组卷规则的题数应在 1–200 之间";
        var paper = ExamPaper.Create(bank.Id, bank.ProjectId, input.Name.Trim(), input.Subject.Trim(), input.Mode,
            input.Mode == PaperMode.Fixed ? input.QuestionIds.Distinct().ToList() : [], input.Mode == PaperMode.Blueprint ? input.Blueprint : [],
            input.PassScore, input.ShuffleQuestions, input.ShuffleOptions, me.RequiredUserId, clock.GetUtcNow().UtcDateTime);
        var questions = await db.Set<ExamQuestion>().AsNoTracking().Where(q => q.BankId == bank.Id).ToListAsync(ct);
        if (errors.Count == 0 && PaperLayout.Shortfalls(paper, questions) is { Count: > 0 } shortfalls) errors[""] = "无法组卷：" + string.Join("；", shortfalls);
        var max = MaxScore(paper, questions);
        if (input.PassScore <= 0 || input.PassScore > max) errors["PassScore"] = $"合格分数应大于 0 且不超过试卷总分 {max:0.##}";
        if (errors.Count > 0) return Outcome<Guid>.Fail(errors);
        db.Set<ExamPaper>().Add(paper);
        audit.Record("exams.paper.created", "ExamPaper", paper.Id.ToString(), new { paper.Name, paper.Mode, paper.PassScore, max }, bank.OwnerInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Success(paper.Id);
    }

    /// <summary>Total points of a paper; for a blueprint, the points of the lowest-scoring draw (lines mix point values rarely).</summary>
    public static decimal MaxScore(ExamPaper paper, IReadOnlyList<ExamQuestion> bank)
    {
        var live = bank.Where(q => q.ArchivedAtUtc is null).ToList();
        if (paper.Mode == PaperMode.Fixed)
        {
            var ids = paper.QuestionIds().ToHashSet();
            return live.Where(q => ids.Contains(q.Id)).Sum(q => q.Points);
        }
        return paper.Blueprint().Sum(l => live.Where(q => q.Kind == l.Kind && q.KnowledgePoint == l.KnowledgePoint).Select(q => q.Points).Order().Take(l.Count).Sum());
    }
}

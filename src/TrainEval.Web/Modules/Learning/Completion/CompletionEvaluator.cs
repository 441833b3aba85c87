using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Tracking;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Completion;

/// <summary>One part of the published completion rule and how far the learner is (LRN-09).</summary>
/// <param name="Code">Stable code: time | units | practice-count | practice-accuracy | self-tests.</param>
public sealed record CompletionItem(string Code, string Label, bool Met, string Progress);

public sealed record CompletionResult(bool Met, IReadOnlyList<CompletionItem> Items, long EffectiveMs)
{
    public IEnumerable<CompletionItem> Missing => Items.Where(i => !i.Met);
}

/// <summary>
/// Evaluates the course's published completion rule for a learner from the records: effective time from the ledger
/// (Σ credited, voids included), required units from <see cref="UnitCompletion"/>, practice from submitted rounds,
/// self-tests from their completions. Read-only; the journey gates ask it through ILearningApi.
/// </summary>
public sealed class CompletionEvaluator(AppDbContext db)
{
    public async Task<CompletionResult?> EvaluateAsync(Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var course = await db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null) return null;
        var rules = course.Rules;
        var items = new List<CompletionItem>();

        var effectiveMs = await db.Set<LedgerEntryRow>().Where(e => e.LearnerId == learnerId && e.CourseId == courseId && e.Credited)
            .SumAsync(e => (long?)e.DurationMs, ct) ?? 0;
        if (rules.RequiredMinutes > 0)
        {
            var minutes = effectiveMs / 60_000;
            items.Add(new CompletionItem("time", $"有效学习时长达到 {rules.RequiredMinutes} 分钟", minutes >= rules.RequiredMinutes,
                $"{minutes} / {rules.RequiredMinutes} 分钟"));
        }

        var units = await db.Set<CourseUnit>().AsNoTracking().Where(u => u.CourseId == courseId && u.ArchivedAtUtc == null)
            .Select(u => new { u.Id, u.Kind, u.Required }).ToListAsync(ct);
        var done = (await db.Set<UnitCompletion>().AsNoTracking().Where(c => c.LearnerId == learnerId && c.CourseId == courseId)
            .Select(c => c.UnitId).ToListAsync(ct)).ToHashSet();
        if (rules.RequireAllUnits)
        {
            var required = units.Where(u => u.Required).ToList();
            var completed = required.Count(u => done.Contains(u.Id));
            items.Add(new CompletionItem("units", "完成全部必修学习任务", completed == required.Count, $"{completed} / {required.Count} 项"));
        }
        if (rules.RequireSelfTestsPassed)
        {
            var tests = units.Where(u => u.Kind == UnitKind.SelfTest).ToList();
            if (tests.Count > 0)
            {
                var passed = tests.Count(u => done.Contains(u.Id));
                items.Add(new CompletionItem("self-tests", "通过全部课程自测", passed == tests.Count, $"{passed} / {tests.Count} 项"));
            }
        }

        if (rules.PracticeMinAnswered > 0 || rules.PracticeMinAccuracyPercent > 0)
        {
            var rounds = db.Set<PracticeAttempt>().Where(a => a.LearnerId == learnerId && a.CourseId == courseId && a.SubmittedAtUtc != null);
            var answered = await rounds.SumAsync(a => (int?)a.AnsweredCount, ct) ?? 0;
            var correct = await rounds.SumAsync(a => (int?)a.CorrectCount, ct) ?? 0;
            if (rules.PracticeMinAnswered > 0)
                items.Add(new CompletionItem("practice-count", $"练习题量达到 {rules.PracticeMinAnswered} 题", answered >= rules.PracticeMinAnswered,
                    $"{answered} / {rules.PracticeMinAnswered} 题"));
            if (rules.PracticeMinAccuracyPercent > 0)
            {
                var accuracy = answered == 0 ? 0 : (int)Math.Floor(100.0 * correct / answered);
                items.Add(new CompletionItem("practice-accuracy", $"练习正确率达到 {rules.PracticeMinAccuracyPercent}%",
                    answered > 0 && accuracy >= rules.PracticeMinAccuracyPercent, $"{accuracy}%"));
            }
        }

        return new CompletionResult(items.All(i => i.Met), items, effectiveMs);
    }
}

using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;

namespace TrainEval.Web.Modules.Learning.Practice.Practise;

public sealed record KnowledgePointRow(string KnowledgePoint, int Questions, int MyAnswers, int MyCorrect)
{
    public int? AccuracyPercent => MyAnswers == 0 ? null : (int)Math.Floor(100.0 * MyCorrect / MyAnswers);
}

public sealed record SectionRow(Guid Id, int Order, string Title, string KnowledgePoints, int Questions);

public sealed record SelfTestRow(Guid UnitId, string Title, int QuestionCount, int PassPercent, int LimitMinutes, bool Passed);

public sealed record WrongBookItem(Guid QuestionId, string KnowledgePoint, QuestionKind Kind, string Stem, string LastGiven, DateTime LastAnsweredAtUtc);

/// <summary>Everything the practice page shows: what to practise, the wrong-answer book and the records (PRC-01).</summary>
public sealed record PracticeHome(LearnerCourse Course, IReadOnlyList<KnowledgePointRow> Points, IReadOnlyList<SectionRow> Sections,
    IReadOnlyList<SelfTestRow> SelfTests, IReadOnlyList<WrongBookItem> WrongBook, PracticeSummary Summary, IReadOnlyList<PracticeRoundRecord> Rounds,
    IReadOnlyList<KnowledgePointWrongCount> Distribution);

public sealed partial class PracticeHandler
{
    /// <summary>The practice page of the project's course for the signed-in learner; null without a course or an activation.</summary>
    public async Task<PracticeHome?> HomeAsync(Guid projectId, CancellationToken ct)
    {
        var c = await CourseAsync(projectId, ct);
        if (c is not { Enrolled: true }) return null;
        var learnerId = me.RequiredUserId;
        var courseId = c.Course.Id;
        var active = await ActiveQuestionsAsync(courseId, ct);
        var answers = await AnswersAsync(learnerId, courseId, ct);
        // Per point, like the summary: answered = non-blank answers, accuracy = correct ÷ answered.
        var mine = answers.GroupBy(a => a.KnowledgePoint).ToDictionary(g => g.Key, g => (Total: g.Count(a => a.Given.Length > 0), Correct: g.Count(a => a.Correct)));
        var points = active.GroupBy(q => q.KnowledgePoint).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KnowledgePointRow(g.Key, g.Count(), mine.GetValueOrDefault(g.Key).Total, mine.GetValueOrDefault(g.Key).Correct)).ToList();

        var sections = (await db.Set<CourseSection>().AsNoTracking().Where(s => s.CourseId == courseId).OrderBy(s => s.Order).ToListAsync(ct))
            .Select(s => new SectionRow(s.Id, s.Order, s.Title, s.KnowledgePoints, active.Count(q => KnowledgePointMatch.BelongsTo(q.KnowledgePoint, s.KnowledgePoints))))
            .ToList();

        var passed = await db.Set<UnitCompletion>().AsNoTracking().Where(x => x.LearnerId == learnerId && x.CourseId == courseId)
            .Select(x => x.UnitId).ToListAsync(ct);
        var selfTests = (await db.Set<CourseUnit>().AsNoTracking()
                .Where(u => u.CourseId == courseId && u.Kind == UnitKind.SelfTest && u.ArchivedAtUtc == null).ToListAsync(ct))
            .OrderBy(u => sections.FindIndex(s => s.Id == u.SectionId)).ThenBy(u => u.Order)
            .Select(u => new SelfTestRow(u.Id, u.Title, SelfTestCount(u), SelfTestPassPercent(u), (int)Math.Ceiling(u.DurationSeconds / 60), passed.Contains(u.Id)))
            .ToList();

        var activeIds = active.ToDictionary(q => q.Id);
        var wrong = Latest(answers).Where(a => !a.Correct && activeIds.ContainsKey(a.QuestionId)).OrderByDescending(a => a.AnsweredAtUtc).ToList();
        var wrongIds = wrong.Select(w => w.QuestionId).ToList();
        var stems = await db.Set<PracticeQuestion>().AsNoTracking().Where(q => wrongIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Kind, q.Stem }).ToDictionaryAsync(q => q.Id, ct);
        var book = wrong.Where(w => stems.ContainsKey(w.QuestionId))
            .Select(w => new WrongBookItem(w.QuestionId, w.KnowledgePoint, stems[w.QuestionId].Kind, stems[w.QuestionId].Stem, w.Given, w.AnsweredAtUtc)).ToList();

        return new PracticeHome(c, points, sections, selfTests, book, await stats.GetSummaryAsync(learnerId, courseId, ct),
            await stats.ListRoundsAsync(learnerId, courseId, ct), await stats.GetWrongDistributionAsync(learnerId, courseId, ct));
    }

    internal static int SelfTestCount(CourseUnit u) => u.SelfTestQuestionCount > 0 ? u.SelfTestQuestionCount : PracticeRules.DefaultSelfTestCount;

    internal static int SelfTestPassPercent(CourseUnit u) => u.SelfTestPassPercent is > 0 and <= 100 ? u.SelfTestPassPercent : PracticeRules.DefaultPassPercent;
}

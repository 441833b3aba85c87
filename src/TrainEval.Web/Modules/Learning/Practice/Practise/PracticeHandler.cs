using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice.Practise;

/// <summary>The course of a project as the signed-in learner may use it for practice.</summary>
/// <param name="Open">An open activation (ACT-02): only then may rounds be started and submitted.</param>
/// <param name="Enrolled">The learner has (or had) an activation for the project; without one nothing is shown.</param>
public sealed record LearnerCourse(Course Course, bool Open, bool Enrolled, DateTime NowUtc);

public sealed record RoundQuestion(int No, PracticeQuestion Question, IReadOnlyList<string> Options, PracticeAnswer? Answer);

public sealed record RoundView(LearnerCourse Course, PracticeAttempt Attempt, PracticeRoundRecord Record, IReadOnlyList<RoundQuestion> Questions);

/// <summary>
/// Learner practice (PRC-01): start a round (special practice by knowledge point, stage test by section, wrong-answer
/// book, self-test unit), then submit all answers once. The server draws the questions (cryptographic RNG, ids kept
/// in order on the round), times the round (TimeProvider at start and submission) and grades it; a second submission
/// returns the first result; answers to questions outside the round are refused. Only with an open activation.
/// </summary>
public sealed partial class PracticeHandler(AppDbContext db, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    private readonly PracticeStats stats = new(db);

    /// <summary>The project's course and the learner's access to it; null when the project has no course.</summary>
    public async Task<LearnerCourse?> CourseAsync(Guid projectId, CancellationToken ct)
    {
        var course = await db.Set<Course>().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId, ct);
        if (course is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var learnerId = me.RequiredUserId;
        var activations = await db.Set<CourseActivation>().AsNoTracking().Where(a => a.LearnerId == learnerId && a.ProjectId == projectId).ToListAsync(ct);
        return new LearnerCourse(course, activations.Any(a => a.IsOpen(now)), activations.Count > 0, now);
    }

    private static Outcome<T> Refuse<T>(LearnerCourse? c) => c is null || !c.Enrolled
        ? Outcome<T>.Fail("", "未找到该课程，或您尚未开通该课程。", c is null ? PracticeErrors.NotFound : PracticeErrors.NotActivated)
        : Outcome<T>.Fail("", "课程未开通或学习有效期已过，不能练习。", PracticeErrors.NotActivated);

    // ---------- start ----------

    /// <summary>Starts a special practice (scope: knowledge point), stage test (scope: section id) or wrong-book round.</summary>
    public async Task<Outcome<PracticeAttempt>> StartAsync(Guid projectId, PracticeMode mode, string? scope, CancellationToken ct)
    {
        var c = await CourseAsync(projectId, ct);
        if (c is not { Open: true }) return Refuse<PracticeAttempt>(c);
        var learnerId = me.RequiredUserId;
        var active = await ActiveQuestionsAsync(c.Course.Id, ct);
        IReadOnlyList<Guid> pool;
        int count;
        string storedScope;
        switch (mode)
        {
            case PracticeMode.Special:
                storedScope = (scope ?? "").Trim();
                pool = active.Where(q => q.KnowledgePoint == storedScope).Select(q => q.Id).ToList();
                count = PracticeRules.SpecialCount;
                if (storedScope.Length == 0 || pool.Count == 0)
                    return Outcome<PracticeAttempt>.Fail("", $"知识点“{storedScope}”暂无练习题。", PracticeErrors.NoQuestions);
                break;
            case PracticeMode.Stage:
                var section = Guid.TryParse(scope, out var sectionId)
                    ? await db.Set<CourseSection>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sectionId && s.CourseId == c.Course.Id, ct)
                    : null;
                if (section is null) return Outcome<PracticeAttempt>.Fail("", "未找到该课程模块。", PracticeErrors.NotFound);
                storedScope = section.Id.ToString();
                pool = active.Where(q => KnowledgePointMatch.BelongsTo(q.KnowledgePoint, section.KnowledgePoints)).Select(q => q.Id).ToList();
                count = PracticeRules.StageCount;
                if (pool.Count == 0) return Outcome<PracticeAttempt>.Fail("", $"模块“{section.Title}”暂无练习题。", PracticeErrors.NoQuestions);
                break;
            case PracticeMode.WrongBook:
                storedScope = "";
                var book = (await WrongBookIdsAsync(learnerId, c.Course.Id, ct)).ToHashSet();
                pool = active.Where(q => book.Contains(q.Id)).Select(q => q.Id).ToList();
                count = PracticeRules.WrongBookCount;
                if (pool.Count == 0) return Outcome<PracticeAttempt>.Fail("", "错题本是空的：没有需要再练的题目。", PracticeErrors.NoQuestions);
                break;
            default:
                return Outcome<PracticeAttempt>.Fail("", "请选择练习方式。", PracticeErrors.NotFound);
        }
        var attempt = PracticeAttempt.Start(learnerId, c.Course.Id, mode, null, storedScope, PracticeRules.Draw(pool, count), 0, c.NowUtc);
        db.Set<PracticeAttempt>().Add(attempt);
        audit.Record("practice.started", "practice-attempt", attempt.Id.ToString(),
            new { course = c.Course.Id, mode = mode.ToString(), scope = storedScope, questions = attempt.QuestionCount }, c.Course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PracticeAttempt>.Success(attempt);
    }

    private sealed record ActiveQuestion(Guid Id, string KnowledgePoint);

    private async Task<List<ActiveQuestion>> ActiveQuestionsAsync(Guid courseId, CancellationToken ct)
        => await db.Set<PracticeQuestion>().AsNoTracking().Where(q => q.CourseId == courseId && q.ArchivedAtUtc == null)
            .OrderBy(q => q.CreatedAtUtc).Select(q => new ActiveQuestion(q.Id, q.KnowledgePoint)).ToListAsync(ct);

    private sealed record AnswerFact(Guid Id, Guid QuestionId, string KnowledgePoint, string Given, bool Correct, DateTime AnsweredAtUtc);

    /// <summary>Every answer of the learner in submitted rounds of the course.</summary>
    private async Task<List<AnswerFact>> AnswersAsync(Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var rounds = db.Set<PracticeAttempt>().Where(a => a.LearnerId == learnerId && a.CourseId == courseId).Select(a => a.Id);
        return await db.Set<PracticeAnswer>().AsNoTracking().Where(x => x.LearnerId == learnerId && rounds.Contains(x.AttemptId))
            .Select(x => new AnswerFact(x.Id, x.QuestionId, x.KnowledgePoint, x.Given, x.Correct, x.AnsweredAtUtc)).ToListAsync(ct);
    }

    /// <summary>The latest answer per question (by answer time, then id — ids are time-ordered).</summary>
    private static IEnumerable<AnswerFact> Latest(IEnumerable<AnswerFact> answers)
        => answers.GroupBy(a => a.QuestionId).Select(g => g.OrderByDescending(a => a.AnsweredAtUtc).ThenByDescending(a => a.Id).First());

    /// <summary>错题本: questions whose latest answer by the learner was wrong (a blank counts as wrong); a right answer removes them.</summary>
    private async Task<IReadOnlyList<Guid>> WrongBookIdsAsync(Guid learnerId, Guid courseId, CancellationToken ct)
        => Latest(await AnswersAsync(learnerId, courseId, ct)).Where(a => !a.Correct).Select(a => a.QuestionId).ToList();

    // ---------- submit ----------

    /// <summary>
    /// Grades and records the round. Keys of <paramref name="answers"/> must be questions of the round; each value is the
    /// chosen option letters (or T/F). Unanswered questions count wrong. A round already submitted returns its first
    /// result unchanged. Self-tests: late submissions never pass; a pass appends one unit completion.
    /// </summary>
    public async Task<Outcome<PracticeAttempt>> SubmitAsync(Guid projectId, Guid attemptId, IReadOnlyDictionary<Guid, IReadOnlyList<string>> answers,
        CancellationToken ct)
    {
        for (var tries = 0; ; tries++)
        {
            try
            {
                return await SubmitOnceAsync(projectId, attemptId, answers, ct);
            }
            catch (DbUpdateException) when (tries == 0)
            {
                // A concurrent submission of the same round (unique answer per round and question), or a concurrent pass of
                // the same self-test unit (unique completion per learner and unit): start again from what is stored now.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Outcome<PracticeAttempt>> SubmitOnceAsync(Guid projectId, Guid attemptId, IReadOnlyDictionary<Guid, IReadOnlyList<string>> answers,
        CancellationToken ct)
    {
        var c = await CourseAsync(projectId, ct);
        if (c is null || !c.Enrolled) return Refuse<PracticeAttempt>(c);
        var learnerId = me.RequiredUserId;
        var attempt = await db.Set<PracticeAttempt>().FirstOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId && a.CourseId == c.Course.Id, ct);
        if (attempt is null) return Outcome<PracticeAttempt>.Fail("", "未找到该练习。", PracticeErrors.NotFound);
        if (attempt.SubmittedAtUtc is not null) return Outcome<PracticeAttempt>.Success(attempt);   // idempotent: the first result stands
        if (!c.Open) return Refuse<PracticeAttempt>(c);

        var ids = attempt.QuestionIds;
        if (answers.Keys.Any(k => !ids.Contains(k)))
            return Outcome<PracticeAttempt>.Fail("", "提交的答案包含不属于本轮练习的题目，未予记录。", PracticeErrors.NotInRound);
        var questions = await db.Set<PracticeQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var graded = new List<(PracticeQuestion Q, string Given, bool Correct)>();
        foreach (var id in ids)
        {
            if (!questions.TryGetValue(id, out var q)) continue;
            var given = QuestionRules.NormalizeGiven(q.Kind, q.Options().Count, answers.GetValueOrDefault(id) ?? []);
            if (given is null) return Outcome<PracticeAttempt>.Fail("", $"第 {graded.Count + 1} 题的答案无效，请重新选择。", PracticeErrors.InvalidAnswer);
            graded.Add((q, given, q.IsCorrect(given)));
        }

        var now = c.NowUtc;
        foreach (var (q, given, correct) in graded)
            db.Set<PracticeAnswer>().Add(PracticeAnswer.Create(attempt.Id, learnerId, q.Id, q.KnowledgePoint, given, correct, now));
        attempt.SubmitTimed(graded.Count(g => g.Given.Length > 0), graded.Count(g => g.Correct), now);
        var late = attempt.IsLate(now);
        audit.Record("practice.submitted", "practice-attempt", attempt.Id.ToString(),
            new { mode = attempt.Mode.ToString(), attempt.QuestionCount, answered = attempt.AnsweredCount, correct = attempt.CorrectCount,
                  score = attempt.ScorePercent, attempt.Passed, late, seconds = attempt.DurationSeconds }, c.Course.TrainingInstitutionId);

        if (attempt.Mode == PracticeMode.SelfTest && attempt.Passed && attempt.UnitId is { } unitId
            && !await db.Set<UnitCompletion>().AnyAsync(x => x.LearnerId == learnerId && x.UnitId == unitId, ct))
        {
            db.Set<UnitCompletion>().Add(UnitCompletion.Create(learnerId, c.Course.Id, unitId, PracticeRules.PassedHow, attempt.Id.ToString(), now));
            audit.Record("unit.completed", "course-unit", unitId.ToString(), new { how = PracticeRules.PassedHow, attempt = attempt.Id, score = attempt.ScorePercent },
                c.Course.TrainingInstitutionId);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<PracticeAttempt>.Success(attempt);
    }

    // ---------- reading ----------

    /// <summary>A round of the learner with its questions in the drawn order and, once submitted, the answers.</summary>
    public async Task<RoundView?> RoundAsync(Guid projectId, Guid attemptId, CancellationToken ct)
    {
        var c = await CourseAsync(projectId, ct);
        if (c is not { Enrolled: true }) return null;
        var learnerId = me.RequiredUserId;
        var attempt = await db.Set<PracticeAttempt>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attemptId && a.LearnerId == learnerId && a.CourseId == c.Course.Id, ct);
        if (attempt is null) return null;
        var ids = attempt.QuestionIds;
        var questions = await db.Set<PracticeQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var given = attempt.SubmittedAtUtc is null ? new Dictionary<Guid, PracticeAnswer>()
            : await db.Set<PracticeAnswer>().AsNoTracking().Where(x => x.AttemptId == attempt.Id).ToDictionaryAsync(x => x.QuestionId, ct);
        var list = ids.Where(questions.ContainsKey)
            .Select((id, i) => new RoundQuestion(i + 1, questions[id], questions[id].Options(), given.GetValueOrDefault(id))).ToList();
        var names = await stats.ScopeNamesAsync(c.Course.Id, [attempt], ct);
        return new RoundView(c, attempt, PracticeStats.Record(attempt, names), list);
    }
}

using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Learning.Practice.Practise;

/// <summary>A self-test unit as the learner sees it before starting.</summary>
/// <param name="LockReason">Why it cannot be started yet (unfinished prerequisites), or null.</param>
/// <param name="InProgress">A round of this unit started and still within its time limit: starting again resumes it.</param>
public sealed record SelfTestView(LearnerCourse Course, CourseUnit Unit, int QuestionCount, int PassPercent, int LimitSeconds, bool Passed,
    string? LockReason, PracticeAttempt? InProgress, IReadOnlyList<PracticeRoundRecord> Rounds, int BankSize);

public sealed partial class PracticeHandler
{
    private async Task<CourseUnit?> SelfTestUnitAsync(Guid courseId, Guid unitId, CancellationToken ct)
        => await db.Set<CourseUnit>().AsNoTracking()
            .FirstOrDefaultAsync(u => u.Id == unitId && u.CourseId == courseId && u.Kind == UnitKind.SelfTest && u.ArchivedAtUtc == null, ct);

    public async Task<SelfTestView?> SelfTestAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var c = await CourseAsync(projectId, ct);
        if (c is not { Enrolled: true }) return null;
        var unit = await SelfTestUnitAsync(c.Course.Id, unitId, ct);
        if (unit is null) return null;
        var learnerId = me.RequiredUserId;
        var passed = await db.Set<UnitCompletion>().AnyAsync(x => x.LearnerId == learnerId && x.UnitId == unitId, ct);
        var attempts = await db.Set<PracticeAttempt>().AsNoTracking()
            .Where(a => a.LearnerId == learnerId && a.CourseId == c.Course.Id && a.Mode == PracticeMode.SelfTest && a.UnitId == unitId)
            .OrderByDescending(a => a.StartedAtUtc).ToListAsync(ct);
        var names = new Dictionary<string, string> { [unit.Id.ToString()] = unit.Title };
        var bank = await db.Set<PracticeQuestion>().CountAsync(q => q.CourseId == c.Course.Id && q.ArchivedAtUtc == null, ct);
        return new SelfTestView(c, unit, SelfTestCount(unit), SelfTestPassPercent(unit), (int)unit.DurationSeconds, passed,
            await LockReasonAsync(learnerId, unit, ct), InProgress(attempts, c.NowUtc), attempts.Select(a => PracticeStats.Record(a, names)).ToList(), bank);
    }

    private static PracticeAttempt? InProgress(IEnumerable<PracticeAttempt> attempts, DateTime nowUtc)
        => attempts.FirstOrDefault(a => a.SubmittedAtUtc is null && !a.IsLate(nowUtc));

    /// <summary>
    /// Prerequisites and the rest of the lock rules (LRN-02) come from the course catalog, the same answer the course
    /// outline gives. Returns the reason in Chinese, or null when the unit is open (or already done: retakes are allowed).
    /// </summary>
    private async Task<string?> LockReasonAsync(Guid learnerId, CourseUnit unit, CancellationToken ct)
    {
        var item = await new CourseCatalog(db, clock).GetUnitForLearnerAsync(learnerId, unit.Id, ct);
        if (item is null) return "该自测不在课程目录中。";
        return item.Locked ? item.LockReason : null;
    }

    /// <summary>
    /// Starts (or resumes) a self-test of the unit: <see cref="CourseUnit.SelfTestQuestionCount"/> random questions from
    /// the unit's knowledge point when it has that many, else from the whole course bank; time limit
    /// <see cref="CourseUnit.DurationSeconds"/>; pass mark <see cref="CourseUnit.SelfTestPassPercent"/>.
    /// </summary>
    public async Task<Outcome<PracticeAttempt>> StartSelfTestAsync(Guid projectId, Guid unitId, CancellationToken ct)
    {
        var c = await CourseAsync(projectId, ct);
        if (c is not { Open: true }) return Refuse<PracticeAttempt>(c);
        var unit = await SelfTestUnitAsync(c.Course.Id, unitId, ct);
        if (unit is null) return Outcome<PracticeAttempt>.Fail("", "未找到该自测。", PracticeErrors.NotFound);
        var learnerId = me.RequiredUserId;
        if (await LockReasonAsync(learnerId, unit, ct) is { } locked)
            return Outcome<PracticeAttempt>.Fail("", "该自测尚未解锁：" + locked, PracticeErrors.Locked);
        var open = InProgress(await db.Set<PracticeAttempt>().AsNoTracking()
            .Where(a => a.LearnerId == learnerId && a.UnitId == unitId && a.Mode == PracticeMode.SelfTest && a.SubmittedAtUtc == null).ToListAsync(ct), c.NowUtc);
        if (open is not null) return Outcome<PracticeAttempt>.Success(open);

        var count = SelfTestCount(unit);
        var active = await ActiveQuestionsAsync(c.Course.Id, ct);
        var ofPoint = unit.KnowledgePoint.Length == 0 ? []
            : active.Where(q => q.KnowledgePoint == unit.KnowledgePoint || KnowledgePointMatch.BelongsTo(q.KnowledgePoint, unit.KnowledgePoint)).ToList();
        var fromPoint = ofPoint.Count >= count;
        var pool = (fromPoint ? ofPoint : active).Select(q => q.Id).ToList();
        if (pool.Count == 0) return Outcome<PracticeAttempt>.Fail("", "课程题库暂无题目，暂时不能自测，请联系授课教师。", PracticeErrors.NoQuestions);

        var limit = (int)Math.Round(unit.DurationSeconds);
        var attempt = PracticeAttempt.Start(learnerId, c.Course.Id, PracticeMode.SelfTest, unit.Id,
            PracticeAttempt.SelfTestScope(limit, fromPoint ? unit.KnowledgePoint : ""), PracticeRules.Draw(pool, count), SelfTestPassPercent(unit), c.NowUtc);
        db.Set<PracticeAttempt>().Add(attempt);
        audit.Record("practice.started", "practice-attempt", attempt.Id.ToString(),
            new { course = c.Course.Id, mode = nameof(PracticeMode.SelfTest), unit = unit.Id, questions = attempt.QuestionCount, limitSeconds = limit,
                  passPercent = attempt.PassPercent, fromKnowledgePoint = fromPoint }, c.Course.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PracticeAttempt>.Success(attempt);
    }
}

using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Learning.Practice;

/// <summary>
/// A learner's practice in one course (PRC-01, PRC-02). Only submitted rounds count. <paramref name="Answered"/> and
/// <paramref name="Correct"/> sum the rounds' answered (non-blank) and correct answers, self-tests included;
/// <paramref name="AccuracyPercent"/> is ⌊100 × correct ÷ answered⌋ (0 when nothing was answered), the same figure the
/// completion rule uses.
/// </summary>
/// <param name="Rounds">Submitted rounds.</param>
/// <param name="StartedRounds">Rounds started, submitted or not (completion = Rounds ÷ StartedRounds).</param>
/// <param name="TotalSeconds">Σ of the submitted rounds' server-timed durations.</param>
/// <param name="SelfTestUnitsPassed">Self-test units with a "passed" completion.</param>
public sealed record PracticeSummary(int Rounds, int StartedRounds, int Answered, int Correct, int AccuracyPercent, int TotalSeconds,
    IReadOnlyList<Guid> SelfTestUnitsPassed);

/// <summary>One practice round as the records show it; <paramref name="Late"/> only for self-tests submitted after the limit plus grace.</summary>
public sealed record PracticeRoundRecord(Guid AttemptId, PracticeMode Mode, string ModeName, string ScopeName, Guid? UnitId, DateTime StartedAtUtc,
    DateTime? SubmittedAtUtc, int QuestionCount, int Answered, int Correct, int ScorePercent, int PassPercent, bool Passed, bool Late, int DurationSeconds);

/// <summary>Answers of a learner per knowledge point: all answers in submitted rounds (blanks count as wrong) and the wrong ones.</summary>
public sealed record KnowledgePointWrongCount(string KnowledgePoint, int Answers, int Wrong)
{
    public int WrongPercent => Answers == 0 ? 0 : (int)Math.Round(100.0 * Wrong / Answers);
}

/// <summary>A round answered implausibly fast (LRN-08): fewer than <see cref="PracticeStats.FastSecondsPerAnswer"/> s per answered question.</summary>
public sealed record FastPracticeFinding(Guid AttemptId, Guid LearnerId, Guid CourseId, PracticeMode Mode, DateTime StartedAtUtc, DateTime SubmittedAtUtc,
    int Answered, int DurationSeconds, double SecondsPerAnswer);

/// <summary>
/// Read-only practice figures for the completion rule (PRC-02), the learner's records and statistics (LRN-06) and the
/// anomaly rules (LRN-08). Registered scoped; other Learning code may use it directly.
/// </summary>
internal sealed class PracticeStats(AppDbContext db)
{
    /// <summary>Anomaly rule: a round with at least this many answered questions …</summary>
    public const int FastMinAnswered = 5;
    /// <summary>… submitted with fewer than this many seconds per answered question on average is implausibly fast.</summary>
    public const int FastSecondsPerAnswer = 3;

    public async Task<PracticeSummary> GetSummaryAsync(Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var rounds = await db.Set<PracticeAttempt>().AsNoTracking().Where(a => a.LearnerId == learnerId && a.CourseId == courseId)
            .Select(a => new { Submitted = a.SubmittedAtUtc != null, a.AnsweredCount, a.CorrectCount, a.DurationSeconds }).ToListAsync(ct);
        var submitted = rounds.Where(r => r.Submitted).ToList();
        var answered = submitted.Sum(r => r.AnsweredCount);
        var correct = submitted.Sum(r => r.CorrectCount);
        var passed = await db.Set<UnitCompletion>().AsNoTracking()
            .Where(c => c.LearnerId == learnerId && c.CourseId == courseId && c.How == PracticeRules.PassedHow)
            .OrderBy(c => c.CompletedAtUtc).Select(c => c.UnitId).ToListAsync(ct);
        return new PracticeSummary(submitted.Count, rounds.Count, answered, correct, answered == 0 ? 0 : (int)Math.Floor(100.0 * correct / answered),
            submitted.Sum(r => r.DurationSeconds), passed);
    }

    /// <summary>All rounds of the learner in the course, newest first.</summary>
    public async Task<IReadOnlyList<PracticeRoundRecord>> ListRoundsAsync(Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var attempts = await db.Set<PracticeAttempt>().AsNoTracking().Where(a => a.LearnerId == learnerId && a.CourseId == courseId)
            .OrderByDescending(a => a.StartedAtUtc).Take(1000).ToListAsync(ct);
        var names = await ScopeNamesAsync(courseId, attempts, ct);
        return attempts.Select(a => Record(a, names)).ToList();
    }

    /// <summary>Wrong answers per knowledge point in submitted rounds of the course, most wrong first.</summary>
    public async Task<IReadOnlyList<KnowledgePointWrongCount>> GetWrongDistributionAsync(Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var attempts = db.Set<PracticeAttempt>().Where(a => a.LearnerId == learnerId && a.CourseId == courseId && a.SubmittedAtUtc != null).Select(a => a.Id);
        var rows = await db.Set<PracticeAnswer>().AsNoTracking().Where(x => x.LearnerId == learnerId && attempts.Contains(x.AttemptId))
            .GroupBy(x => x.KnowledgePoint)
            .Select(g => new { g.Key, Answers = g.Count(), Wrong = g.Count(x => !x.Correct) }).ToListAsync(ct);
        return rows.Select(r => new KnowledgePointWrongCount(r.Key, r.Answers, r.Wrong))
            .OrderByDescending(r => r.Wrong).ThenBy(r => r.KnowledgePoint, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Rounds of the course submitted since <paramref name="sinceUtc"/> with at least <see cref="FastMinAnswered"/> answered
    /// questions and an average below <see cref="FastSecondsPerAnswer"/> seconds per answered question (server-timed:
    /// from the round's start to its submission). Reading a question and choosing needs more than that; a faster round
    /// suggests guessing or an automated client. Oldest first.
    /// </summary>
    public async Task<IReadOnlyList<FastPracticeFinding>> FindImplausiblyFastAsync(Guid courseId, DateTime sinceUtc, CancellationToken ct)
    {
        var rows = await db.Set<PracticeAttempt>().AsNoTracking()
            .Where(a => a.CourseId == courseId && a.SubmittedAtUtc != null && a.SubmittedAtUtc >= sinceUtc && a.AnsweredCount >= FastMinAnswered
                        && a.DurationSeconds < FastSecondsPerAnswer * a.AnsweredCount)
            .OrderBy(a => a.SubmittedAtUtc).Take(5000)
            .Select(a => new { a.Id, a.LearnerId, a.Mode, a.StartedAtUtc, a.SubmittedAtUtc, a.AnsweredCount, a.DurationSeconds }).ToListAsync(ct);
        return rows.Select(r => new FastPracticeFinding(r.Id, r.LearnerId, courseId, r.Mode, r.StartedAtUtc, r.SubmittedAtUtc!.Value, r.AnsweredCount,
            r.DurationSeconds, Math.Round((double)r.DurationSeconds / r.AnsweredCount, 2))).ToList();
    }

    public static string ModeName(PracticeMode mode) => mode switch
    {
        PracticeMode.Special => "专项练习",
        PracticeMode.SelfTest => "自测",
        PracticeMode.Stage => "阶段测验",
        PracticeMode.WrongBook => "错题练习",
        _ => "练习",
    };

    internal static PracticeRoundRecord Record(PracticeAttempt a, IReadOnlyDictionary<string, string> scopeNames)
        => new(a.Id, a.Mode, ModeName(a.Mode), ScopeName(a, scopeNames), a.UnitId, a.StartedAtUtc, a.SubmittedAtUtc, a.QuestionCount, a.AnsweredCount,
            a.CorrectCount, a.ScorePercent, a.PassPercent, a.Passed, a.SubmittedAtUtc is not null && a.IsLate(a.SubmittedAtUtc.Value), a.DurationSeconds);

    private static string ScopeName(PracticeAttempt a, IReadOnlyDictionary<string, string> names) => a.Mode switch
    {
        PracticeMode.Special => a.Scope,
        PracticeMode.Stage => names.GetValueOrDefault(a.Scope, "课程模块"),
        PracticeMode.SelfTest => a.UnitId is { } u ? names.GetValueOrDefault(u.ToString(), "自测") : "自测",
        PracticeMode.WrongBook => "错题本",
        _ => a.Scope,
    };

    /// <summary>Section titles (stage tests) and unit titles (self-tests) by id, for the rounds' scope column.</summary>
    internal async Task<IReadOnlyDictionary<string, string>> ScopeNamesAsync(Guid courseId, IEnumerable<PracticeAttempt> attempts, CancellationToken ct)
    {
        var list = attempts.ToList();
        var names = new Dictionary<string, string>();
        if (list.Any(a => a.Mode == PracticeMode.Stage))
            foreach (var s in await db.Set<CourseSection>().AsNoTracking().Where(s => s.CourseId == courseId).Select(s => new { s.Id, s.Title }).ToListAsync(ct))
                names[s.Id.ToString()] = s.Title;
        if (list.Any(a => a.Mode == PracticeMode.SelfTest))
            foreach (var u in await db.Set<CourseUnit>().AsNoTracking().Where(u => u.CourseId == courseId && u.Kind == UnitKind.SelfTest)
                         .Select(u => new { u.Id, u.Title }).ToListAsync(ct))
                names[u.Id.ToString()] = u.Title;
        return names;
    }
}

namespace TrainEval.Web.Modules.Learning.Practice;

public enum QuestionKind { Single = 1, Multiple = 2, TrueFalse = 3 }

public enum PracticeMode
{
    /// <summary>专项练习: questions of one knowledge point.</summary>
    Special = 1,
    /// <summary>自测: a self-test unit of the course, with a pass mark.</summary>
    SelfTest = 2,
    /// <summary>阶段测验: questions across one course section.</summary>
    Stage = 3,
    /// <summary>错题本: questions the learner last answered wrong.</summary>
    WrongBook = 4,
}

/// <summary>
/// A practice question of a course, by knowledge point (PRC-01). Separate from exam banks, which belong to the
/// evaluation institution and are invisible to training staff. Archived, never deleted (answers keep pointing at it).
/// </summary>
public sealed class PracticeQuestion
{
    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public string KnowledgePoint { get; private set; } = "";
    public QuestionKind Kind { get; private set; }
    public string Stem { get; private set; } = "";
    /// <summary>JSON array of option texts (A, B, C, … in order); empty array for true/false.</summary>
    public string OptionsJson { get; private set; } = "[]";
    /// <summary>Letters of the correct options in order ("B", "ACD"), or "T" / "F".</summary>
    public string AnswerKey { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public Guid CreatedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ArchivedAtUtc { get; private set; }

    private PracticeQuestion() { }

    public static PracticeQuestion Create(Guid courseId, string knowledgePoint, QuestionKind kind, string stem, string optionsJson, string answerKey,
        string explanation, Guid createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), CourseId = courseId, KnowledgePoint = knowledgePoint.Trim(), Kind = kind, Stem = stem.Trim(),
        OptionsJson = optionsJson, AnswerKey = answerKey, Explanation = explanation.Trim(), CreatedBy = createdBy, CreatedAtUtc = nowUtc,
    };

    public void Archive(DateTime nowUtc) => ArchivedAtUtc ??= nowUtc;

    public IReadOnlyList<string> Options() => QuestionRules.ParseOptions(OptionsJson);

    /// <summary>Grades a canonical answer (see <see cref="QuestionRules.NormalizeGiven"/>): exact match of the key.</summary>
    public bool IsCorrect(string given) => QuestionRules.IsCorrect(AnswerKey, given);
}

/// <summary>One practice round of a learner: the questions drawn (in order), then the result when submitted.</summary>
public sealed class PracticeAttempt
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public PracticeMode Mode { get; private set; }
    /// <summary>The self-test unit, for <see cref="PracticeMode.SelfTest"/>.</summary>
    public Guid? UnitId { get; private set; }
    /// <summary>Knowledge point (special practice) or section id (stage test) the questions were drawn from.</summary>
    public string Scope { get; private set; } = "";
    /// <summary>JSON array of question ids in the order shown.</summary>
    public string QuestionIdsJson { get; private set; } = "[]";
    public int QuestionCount { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public int AnsweredCount { get; private set; }
    public int CorrectCount { get; private set; }
    public int ScorePercent { get; private set; }
    /// <summary>Pass mark for self-tests; 0 when the round has none.</summary>
    public int PassPercent { get; private set; }
    public bool Passed { get; private set; }
    public int DurationSeconds { get; private set; }

    private PracticeAttempt() { }

    public static PracticeAttempt Start(Guid learnerId, Guid courseId, PracticeMode mode, Guid? unitId, string scope, IReadOnlyList<Guid> questionIds,
        int passPercent, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), LearnerId = learnerId, CourseId = courseId, Mode = mode, UnitId = unitId, Scope = scope,
        QuestionIdsJson = System.Text.Json.JsonSerializer.Serialize(questionIds), QuestionCount = questionIds.Count, PassPercent = passPercent,
        StartedAtUtc = nowUtc,
    };

    public IReadOnlyList<Guid> QuestionIds => System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(QuestionIdsJson) ?? [];

    /// <summary>Seconds of grace after a self-test's time limit before a submission counts as late.</summary>
    public const int SelfTestGraceSeconds = 30;

    /// <summary>
    /// The scope of a self-test round: "{time limit in seconds}|{knowledge point drawn from, or * for the whole bank}".
    /// The limit is kept with the round (no column of its own) so a later change of the unit does not rewrite history.
    /// </summary>
    public static string SelfTestScope(int limitSeconds, string knowledgePoint)
    {
        var scope = $"{Math.Max(0, limitSeconds)}|{(string.IsNullOrEmpty(knowledgePoint) ? "*" : knowledgePoint)}";
        return scope.Length <= 200 ? scope : scope[..200];
    }

    /// <summary>The time limit of a self-test round in seconds; 0 when the round has none.</summary>
    public int TimeLimitSeconds()
    {
        if (Mode != PracticeMode.SelfTest) return 0;
        var bar = Scope.IndexOf('|');
        return bar > 0 && int.TryParse(Scope.AsSpan(0, bar), out var s) && s > 0 ? s : 0;
    }

    /// <summary>Until when a submission is on time (limit plus grace); null without a limit.</summary>
    public DateTime? SubmitDeadlineUtc() => TimeLimitSeconds() is var s and > 0 ? StartedAtUtc.AddSeconds(s + SelfTestGraceSeconds) : null;

    /// <summary>The self-test was submitted after its time limit plus grace (or is still open after it).</summary>
    public bool IsLate(DateTime nowUtc) => SubmitDeadlineUtc() is { } deadline && (SubmittedAtUtc ?? nowUtc) > deadline;

    /// <summary>
    /// Submits a timed round: scored like <see cref="Submit"/>, but a submission after the deadline never passes
    /// (the learner still sees the score, the correct answers and the explanations).
    /// </summary>
    public void SubmitTimed(int answered, int correct, DateTime nowUtc)
    {
        Submit(answered, correct, nowUtc);
        if (IsLate(nowUtc)) Passed = false;
    }

    public void Submit(int answered, int correct, DateTime nowUtc)
    {
        if (SubmittedAtUtc is not null) throw new InvalidOperationException("The practice round is already submitted.");
        SubmittedAtUtc = nowUtc;
        AnsweredCount = answered;
        CorrectCount = correct;
        ScorePercent = QuestionCount == 0 ? 0 : (int)Math.Round(100.0 * correct / QuestionCount);
        Passed = ScorePercent >= PassPercent;
        DurationSeconds = (int)Math.Max(0, (nowUtc - StartedAtUtc).TotalSeconds);
    }
}

/// <summary>One answer in a practice round (unique per round and question); appended at submission.</summary>
public sealed class PracticeAnswer
{
    public Guid Id { get; private set; }
    public Guid AttemptId { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid QuestionId { get; private set; }
    public string KnowledgePoint { get; private set; } = "";
    public string Given { get; private set; } = "";
    public bool Correct { get; private set; }
    public DateTime AnsweredAtUtc { get; private set; }

    private PracticeAnswer() { }

    public static PracticeAnswer Create(Guid attemptId, Guid learnerId, Guid questionId, string knowledgePoint, string given, bool correct, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), AttemptId = attemptId, LearnerId = learnerId, QuestionId = questionId, KnowledgePoint = knowledgePoint,
        Given = given, Correct = correct, AnsweredAtUtc = nowUtc,
    };
}

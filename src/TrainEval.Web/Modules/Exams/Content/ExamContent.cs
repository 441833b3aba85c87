using System.Text.Json;

namespace TrainEval.Web.Modules.Exams.Content;

/// <summary>
/// An exam question bank owned by an evaluation institution and invisible to training staff (BAT-10).
/// The foundation seeded an empty bank per project; the exams module fills it.
/// </summary>
public sealed class QuestionBank
{
    public Guid Id { get; private set; }
    public Guid OwnerInstitutionId { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    private QuestionBank() { }

    public static QuestionBank Create(Guid ownerInstitutionId, Guid projectId, string name, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), OwnerInstitutionId = ownerInstitutionId, ProjectId = projectId, Name = name, CreatedAtUtc = nowUtc };
}

/// <summary>EXM-01: objective types are scored by the system; practical items by examiners.</summary>
public enum ExamQuestionKind { Single = 1, Multiple = 2, TrueFalse = 3, Practical = 4 }

/// <summary>A question of an exam bank. Never edited once used: a change is a new question and the old one is archived.</summary>
public sealed class ExamQuestion
{
    public Guid Id { get; private set; }
    public Guid BankId { get; private set; }
    public string KnowledgePoint { get; private set; } = "";
    public ExamQuestionKind Kind { get; private set; }
    public string Stem { get; private set; } = "";
    /// <summary>JSON array of option texts (empty for practical items; 正确/错误 for true/false).</summary>
    public string OptionsJson { get; private set; } = "[]";
    /// <summary>Canonical option indices of the right answer, ascending, comma-separated ("0,2"); empty for practical items.</summary>
    public string AnswerKey { get; private set; } = "";
    /// <summary>For practical items: what the examiner scores against.</summary>
    public string Rubric { get; private set; } = "";
    public decimal Points { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ArchivedAtUtc { get; private set; }

    private ExamQuestion() { }

    public static ExamQuestion Create(Guid bankId, string knowledgePoint, ExamQuestionKind kind, string stem, IReadOnlyList<string> options,
        string answerKey, string rubric, decimal points, Guid createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), BankId = bankId, KnowledgePoint = knowledgePoint, Kind = kind, Stem = stem,
        OptionsJson = JsonSerializer.Serialize(options), AnswerKey = answerKey, Rubric = rubric, Points = points,
        CreatedBy = createdBy, CreatedAtUtc = nowUtc,
    };

    public void Archive(DateTime nowUtc) => ArchivedAtUtc ??= nowUtc;

    public IReadOnlyList<string> Options() => JsonSerializer.Deserialize<List<string>>(OptionsJson) ?? [];
}

public enum PaperMode { Fixed = 1, Blueprint = 2 }

/// <summary>One line of a blueprint: draw <see cref="Count"/> questions of a kind from a knowledge point.</summary>
public sealed record BlueprintLine(string KnowledgePoint, ExamQuestionKind Kind, int Count);

/// <summary>
/// A paper (试卷) of one subject: a fixed list of questions or a blueprint drawn per candidate, with per-candidate question
/// and option shuffling (EXM-01). Published papers are not edited; a change is a new paper.
/// </summary>
public sealed class ExamPaper
{
    public Guid Id { get; private set; }
    public Guid BankId { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public PaperMode Mode { get; private set; }
    public string QuestionIdsJson { get; private set; } = "[]";
    public string BlueprintJson { get; private set; } = "[]";
    public decimal PassScore { get; private set; }
    public bool ShuffleQuestions { get; private set; }
    public bool ShuffleOptions { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    private ExamPaper() { }

    public static ExamPaper Create(Guid bankId, Guid projectId, string name, string subject, PaperMode mode, IReadOnlyList<Guid> questionIds,
        IReadOnlyList<BlueprintLine> blueprint, decimal passScore, bool shuffleQuestions, bool shuffleOptions, Guid createdBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), BankId = bankId, ProjectId = projectId, Name = name, Subject = subject, Mode = mode,
        QuestionIdsJson = JsonSerializer.Serialize(questionIds), BlueprintJson = JsonSerializer.Serialize(blueprint),
        PassScore = passScore, ShuffleQuestions = shuffleQuestions, ShuffleOptions = shuffleOptions, CreatedBy = createdBy, CreatedAtUtc = nowUtc,
    };

    public IReadOnlyList<Guid> QuestionIds() => JsonSerializer.Deserialize<List<Guid>>(QuestionIdsJson) ?? [];
    public IReadOnlyList<BlueprintLine> Blueprint() => JsonSerializer.Deserialize<List<BlueprintLine>>(BlueprintJson) ?? [];
}

namespace TrainEval.Web.Modules.Learning.Anomalies;

public enum AnomalyStatus { Open = 0, Confirmed = 1, Dismissed = 2 }

/// <summary>
/// A flag raised by an anomaly rule (LRN-08) for manual review: many units completed in a short time, long playback
/// without interaction, frequent IP changes, many devices, implausibly fast practice. One open flag per learner,
/// course, rule and window start (unique index). Decisions are appended as <see cref="AnomalyDecision"/> rows.
/// </summary>
public sealed class LearningAnomaly
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid TrainingInstitutionId { get; private set; }
    /// <summary>Stable rule code: fast-completion | no-interaction | ip-changes | many-devices | fast-practice.</summary>
    public string Rule { get; private set; } = "";
    public DateTime WindowFromUtc { get; private set; }
    public DateTime WindowToUtc { get; private set; }
    public string Detail { get; private set; } = "";
    public DateTime DetectedAtUtc { get; private set; }
    public AnomalyStatus Status { get; private set; }

    private LearningAnomaly() { }

    public static LearningAnomaly Raise(Guid learnerId, Guid courseId, Guid institutionId, string rule, DateTime fromUtc, DateTime toUtc, string detail, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), LearnerId = learnerId, CourseId = courseId, TrainingInstitutionId = institutionId, Rule = rule,
        WindowFromUtc = fromUtc, WindowToUtc = toUtc, Detail = detail.Length <= 1000 ? detail : detail[..1000], DetectedAtUtc = nowUtc,
    };

    public void Resolve(AnomalyStatus status)
    {
        if (Status != AnomalyStatus.Open) throw new InvalidOperationException("The flag is already decided.");
        if (status == AnomalyStatus.Open) throw new ArgumentOutOfRangeException(nameof(status));
        Status = status;
    }
}

/// <summary>Who decided a flag, when and why (confirm voids the window's credited time; dismiss only records).</summary>
public sealed class AnomalyDecision
{
    public Guid Id { get; private set; }
    public Guid AnomalyId { get; private set; }
    public AnomalyStatus Decision { get; private set; }
    public Guid ByUserId { get; private set; }
    public string ByName { get; private set; } = "";
    public string Note { get; private set; } = "";
    public long VoidedMs { get; private set; }
    public DateTime AtUtc { get; private set; }

    private AnomalyDecision() { }

    public static AnomalyDecision Create(Guid anomalyId, AnomalyStatus decision, Guid byUserId, string byName, string note, long voidedMs, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), AnomalyId = anomalyId, Decision = decision, ByUserId = byUserId, ByName = byName, Note = note.Trim(),
        VoidedMs = voidedMs, AtUtc = nowUtc,
    };
}

namespace TrainEval.Web.Modules.Violations;

public enum ViolationState { Recorded = 0, Confirmed = 1, Dismissed = 2, Superseded = 3 }

/// <summary>
/// A violation record (VIO-01). The facts never change once recorded; the only change is one decision: confirmed by a
/// second staff member (four-eyes, never the recorder), dismissed with a reason, or superseded by a correction — a new
/// record that points back with <see cref="CorrectsId"/>. Nothing is deleted.
/// </summary>
public sealed class Violation
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid EvaluationInstitutionId { get; private set; }
    /// <summary>Null for acts established outside an exam (e.g. false materials at enrollment): no results to void.</summary>
    public Guid? SittingId { get; private set; }
    /// <summary>Snapshot of the sitting when recorded: "批次 · 科目 · 场次".</summary>
    public string SittingLabel { get; private set; } = "";
    public string ActCode { get; private set; } = "";
    /// <summary>The tier applied (the act's tier or higher).</summary>
    public int Tier { get; private set; }
    public string TierRaiseReason { get; private set; } = "";
    public string Facts { get; private set; } = "";
    public DateTime OccurredAtUtc { get; private set; }
    public Guid RecordedById { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }
    public Guid? CorrectsId { get; private set; }

    public ViolationState State { get; private set; }
    public Guid? DecidedById { get; private set; }
    public string DecidedByName { get; private set; } = "";
    public DateTime? DecidedAtUtc { get; private set; }
    public string DecisionNote { get; private set; } = "";
    /// <summary>What confirmation did, in words (voided results, ban), as the learner was told.</summary>
    public string Consequence { get; private set; } = "";
    public string AppealRoute { get; private set; } = "";
    public int VoidedAttempts { get; private set; }
    public Guid? BanId { get; private set; }

    private Violation() { }

    public static Violation Record(Guid learnerId, Guid projectId, Guid evaluationInstitutionId, Guid? sittingId, string sittingLabel,
        ViolationAct act, int tier, string raiseReason, string facts, DateTime occurredAtUtc, Guid byId, string byName, Guid? correctsId, DateTime nowUtc)
    {
        if (tier < act.Tier || !ViolationCatalogue.IsTier(tier)) throw new ArgumentOutOfRangeException(nameof(tier));
        if (sittingId is null && !act.SittingOptional) throw new ArgumentException("This act needs a sitting.", nameof(sittingId));
        return new()
        {
            Id = Guid.CreateVersion7(), LearnerId = learnerId, ProjectId = projectId, EvaluationInstitutionId = evaluationInstitutionId,
            SittingId = sittingId, SittingLabel = sittingLabel, ActCode = act.Code, Tier = tier, TierRaiseReason = tier > act.Tier ? raiseReason.Trim() : "",
            Facts = facts.Trim(), OccurredAtUtc = occurredAtUtc, RecordedById = byId, RecordedByName = byName, RecordedAtUtc = nowUtc, CorrectsId = correctsId,
            State = ViolationState.Recorded,
        };
    }

    public ViolationAct Act => ViolationCatalogue.Find(ActCode) ?? throw new InvalidOperationException($"Unknown act {ActCode}.");

    /// <summary>Four-eyes: whether this person may decide (confirm or dismiss) the record.</summary>
    public bool CanBeDecidedBy(Guid userId) => State == ViolationState.Recorded && userId != RecordedById;

    public void Confirm(Guid byId, string byName, string note, string consequence, string appealRoute, int voidedAttempts, Guid? banId, DateTime nowUtc)
    {
        Decide(ViolationState.Confirmed, byId, byName, note, nowUtc);
        Consequence = consequence;
        AppealRoute = appealRoute;
        VoidedAttempts = voidedAttempts;
        BanId = banId;
    }

    public void Dismiss(Guid byId, string byName, string reason, DateTime nowUtc) => Decide(ViolationState.Dismissed, byId, byName, reason, nowUtc);

    /// <summary>A correction replaced this record before it was decided (by anyone allowed to record; the new record is decided as usual).</summary>
    public void Supersede(Guid byId, string byName, Guid correctionId, DateTime nowUtc)
    {
        if (State != ViolationState.Recorded) throw new InvalidOperationException("Only a record awaiting decision can be superseded.");
        State = ViolationState.Superseded;
        DecidedById = byId;
        DecidedByName = byName;
        DecidedAtUtc = nowUtc;
        DecisionNote = $"已由更正记录 {correctionId} 取代";
    }

    private void Decide(ViolationState state, Guid byId, string byName, string note, DateTime nowUtc)
    {
        if (!CanBeDecidedBy(byId)) throw new InvalidOperationException("Already decided, or the recorder tries to decide their own record.");
        State = state;
        DecidedById = byId;
        DecidedByName = byName;
        DecidedAtUtc = nowUtc;
        DecisionNote = note.Trim();
    }

    public static string StateName(ViolationState s) => s switch
    {
        ViolationState.Recorded => "待确认",
        ViolationState.Confirmed => "已确认",
        ViolationState.Dismissed => "不予认定",
        ViolationState.Superseded => "已更正",
        _ => "",
    };

    public static string StateBadge(ViolationState s) => s switch
    {
        ViolationState.Recorded => "badge-warn",
        ViolationState.Confirmed => "badge-err",
        _ => "badge-muted",
    };
}

/// <summary>An evidence file of a violation record: content-checked, content-addressed, never replaced.</summary>
public sealed class ViolationEvidence
{
    public Guid Id { get; private set; }
    public Guid ViolationId { get; private set; }
    public string FileKey { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string FileName { get; private set; } = "";
    public Guid UploadedById { get; private set; }
    public string UploadedByName { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }

    private ViolationEvidence() { }

    public static ViolationEvidence Create(Guid violationId, string fileKey, string sha256, string contentType, long size, string fileName,
        Guid byId, string byName, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ViolationId = violationId, FileKey = fileKey, Sha256 = sha256, ContentType = contentType, Size = size,
        FileName = fileName, UploadedById = byId, UploadedByName = byName, UploadedAtUtc = nowUtc,
    };

    /// <summary>The same stored file attached to a correction of the record.</summary>
    public ViolationEvidence CarryTo(Guid violationId, Guid byId, string byName, DateTime nowUtc)
        => Create(violationId, FileKey, Sha256, ContentType, Size, FileName, byId, byName, nowUtc);
}

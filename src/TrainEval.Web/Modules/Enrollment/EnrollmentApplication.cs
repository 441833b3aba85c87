namespace TrainEval.Web.Modules.Enrollment;

public enum EnrollmentStatus
{
    Draft = 0,        // wizard in progress
    Submitted = 1,    // 待审核
    Resubmit = 2,     // 需补正
    Approved = 3,     // 审核通过
    Rejected = 4,     // 未通过
    Cancelled = 5,    // 已撤销（学员撤回或退费）
}

public enum EnrollmentChannel { Official = 1, Promotion = 2 }

/// <summary>
/// One learner's enrollment in one project (ENR-01..06), made under one frozen version of the project's rules.
/// The wizard steps are recorded with their time; the declaration records time, IP and device. At most one live
/// enrollment per learner and project is enforced by a unique index on <see cref="ActiveKey"/>.
/// </summary>
public sealed class EnrollmentApplication
{
    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid ProjectVersionId { get; private set; }
    public Guid TrainingInstitutionId { get; private set; }
    public EnrollmentChannel Channel { get; private set; }
    public Guid? PromotionInstitutionId { get; private set; }
    public Guid? StartedBy { get; private set; }
    public EnrollmentStatus Status { get; private set; }
    /// <summary>"{learner}:{project}" while the enrollment is live; null once rejected or cancelled.</summary>
    public string? ActiveKey { get; private set; }

    // Snapshot of the personal data the learner confirmed (ENR-01); full ID number and phone stay on the account.
    public string RealName { get; private set; } = "";
    public string IdNumberMasked { get; private set; } = "";
    public string PhoneMasked { get; private set; } = "";
    public string Gender { get; private set; } = "";
    public string Region { get; private set; } = "";
    public string Employer { get; private set; } = "";
    public string Education { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LearnerConfirmedAtUtc { get; private set; }
    public DateTime? RulesReadAtUtc { get; private set; }
    public DateTime? ConditionsConfirmedAtUtc { get; private set; }
    public DateTime? PersonalDataConfirmedAtUtc { get; private set; }
    public DateTime? DeclaredAtUtc { get; private set; }
    public string DeclarationIp { get; private set; } = "";
    public string DeclarationDevice { get; private set; } = "";
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public DateTime? ResubmitDeadlineUtc { get; private set; }
    /// <summary>Material keys the reviewer asked to resubmit (comma-separated); only these may be replaced.</summary>
    public string ResubmitItems { get; private set; } = "";
    public string DecisionNote { get; private set; } = "";

    private EnrollmentApplication() { }

    public static EnrollmentApplication Start(Guid learnerId, Project project, ProjectVersion version, EnrollmentChannel channel,
        Guid? promotionInstitutionId, Guid? startedBy, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), LearnerId = learnerId, ProjectId = project.Id, ProjectVersionId = version.Id,
        TrainingInstitutionId = project.TrainingInstitutionId, Channel = channel, PromotionInstitutionId = promotionInstitutionId,
        StartedBy = startedBy, Status = EnrollmentStatus.Draft, ActiveKey = $"{learnerId}:{project.Id}", CreatedAtUtc = nowUtc,
        // A learner starting their own enrollment confirms it by doing so; a promotion organisation's needs confirming (ENR-04).
        LearnerConfirmedAtUtc = channel == EnrollmentChannel.Official ? nowUtc : null,
    };

    public bool IsLive => ActiveKey is not null;
    public bool IsEditable => Status is EnrollmentStatus.Draft && LearnerConfirmedAtUtc is not null;

    public void ConfirmByLearner(DateTime nowUtc) => LearnerConfirmedAtUtc ??= nowUtc;
    public void MarkRulesRead(DateTime nowUtc) => RulesReadAtUtc ??= nowUtc;
    public void ConfirmConditions(DateTime nowUtc) => ConditionsConfirmedAtUtc = nowUtc;

    public void ConfirmPersonalData(string realName, string idMasked, string phoneMasked, string gender, string region, string employer, string education, DateTime nowUtc)
    {
        RealName = realName; IdNumberMasked = idMasked; PhoneMasked = phoneMasked; Gender = gender;
        Region = region; Employer = employer; Education = education; PersonalDataConfirmedAtUtc = nowUtc;
    }

    /// <summary>The declaration of truthfulness and knowledge of the rules (ENR-06) submits the enrollment.</summary>
    public void Submit(string ip, string device, DateTime nowUtc)
    {
        DeclaredAtUtc = nowUtc;
        DeclarationIp = ip.Length > 64 ? ip[..64] : ip;
        DeclarationDevice = device.Length > 300 ? device[..300] : device;
        SubmittedAtUtc = nowUtc;
        Status = EnrollmentStatus.Submitted;
    }

    public void RequestResubmission(IEnumerable<string> materialKeys, string note, DateTime deadlineUtc, DateTime nowUtc)
    {
        Status = EnrollmentStatus.Resubmit;
        ResubmitItems = string.Join(',', materialKeys);
        ResubmitDeadlineUtc = deadlineUtc;
        DecisionNote = note;
        DecidedAtUtc = nowUtc;
    }

    public void Resubmitted(DateTime nowUtc)
    {
        Status = EnrollmentStatus.Submitted;
        ResubmitItems = "";
        ResubmitDeadlineUtc = null;
        SubmittedAtUtc = nowUtc;
    }

    public void Approve(string note, DateTime nowUtc) { Status = EnrollmentStatus.Approved; DecisionNote = note; DecidedAtUtc = nowUtc; }

    public void Reject(string reason, DateTime nowUtc) { Status = EnrollmentStatus.Rejected; DecisionNote = reason; DecidedAtUtc = nowUtc; ActiveKey = null; }

    public void Cancel(string reason, DateTime nowUtc) { Status = EnrollmentStatus.Cancelled; DecisionNote = reason; DecidedAtUtc = nowUtc; ActiveKey = null; }

    public IReadOnlyList<string> ResubmitKeys => ResubmitItems.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string StatusBadge(EnrollmentStatus s) => s switch
    {
        EnrollmentStatus.Approved => "",
        EnrollmentStatus.Submitted => "badge-info",
        EnrollmentStatus.Resubmit => "badge-warn",
        EnrollmentStatus.Rejected or EnrollmentStatus.Cancelled => "badge-err",
        _ => "badge-muted",
    };

    public static string StatusName(EnrollmentStatus s) => s switch
    {
        EnrollmentStatus.Draft => "填写中", EnrollmentStatus.Submitted => "待审核", EnrollmentStatus.Resubmit => "需补正材料",
        EnrollmentStatus.Approved => "审核通过", EnrollmentStatus.Rejected => "未通过", EnrollmentStatus.Cancelled => "已撤销", _ => "",
    };
}

/// <summary>An uploaded material. A replacement is a new row; the old one is marked superseded, never deleted (ARC-02).</summary>
public sealed class EnrollmentMaterial
{
    public Guid Id { get; private set; }
    public Guid EnrollmentId { get; private set; }
    public string MaterialKey { get; private set; } = "";
    public string FileKey { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string OriginalName { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
    public DateTime? SupersededAtUtc { get; private set; }

    private EnrollmentMaterial() { }

    public EnrollmentMaterial(Guid enrollmentId, string materialKey, string fileKey, string sha256, string contentType, long size, string originalName, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7(); EnrollmentId = enrollmentId; MaterialKey = materialKey; FileKey = fileKey; Sha256 = sha256;
        ContentType = contentType; Size = size; OriginalName = originalName.Length > 120 ? originalName[..120] : originalName; UploadedAtUtc = nowUtc;
    }

    public void Supersede(DateTime nowUtc) => SupersededAtUtc ??= nowUtc;
}

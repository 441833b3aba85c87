namespace TrainEval.Web.Modules.Certificates;

/// <summary>Issued (live), revoked (still verifiable, with date and reason) or replaced by a corrected certificate.</summary>
public enum CertificateStatus { Issued = 0, Revoked = 1, Replaced = 2 }

/// <summary>
/// A 职业技能等级证书 (CRT-01). Its printed data is a snapshot taken at issue from the learner's identity, the project and
/// the counting exam results; it changes only through <see cref="CertificateCorrection"/> records (before printing) or
/// is replaced by a new certificate (after printing). Never deleted.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    /// <summary>Documented scheme, see <see cref="CertificateNumbers"/>: {institution}-{year}-{occupation}-{level}-{serial}.</summary>
    public string Number { get; private set; } = "";
    /// <summary>Public verification code: 16 characters of an unambiguous base32 alphabet (80 bits from a CSPRNG).</summary>
    public string VerificationCode { get; private set; } = "";
    public Guid LearnerId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid EvaluationInstitutionId { get; private set; }
    public Guid TrainingInstitutionId { get; private set; }

    public string HolderName { get; private set; } = "";
    public string IdTypeName { get; private set; } = "";
    /// <summary>Full ID number, AES-GCM encrypted (purpose <see cref="IdPurpose"/>).</summary>
    public string IdNumberCipher { get; private set; } = "";
    public string IdNumberMasked { get; private set; } = "";
    public string ProjectCode { get; private set; } = "";
    public string ProjectName { get; private set; } = "";
    public string Occupation { get; private set; } = "";
    public int Level { get; private set; }
    public string LevelName { get; private set; } = "";
    /// <summary>"合格" and the counting attempt per subject, e.g. "理论知识 86/100".</summary>
    public string Result { get; private set; } = "";
    public string ResultDetail { get; private set; } = "";
    public string InstitutionName { get; private set; } = "";

    public CertificateStatus Status { get; private set; }
    /// <summary>"{learner:N}{project:N}" while issued, null otherwise: a unique index keeps one live certificate per learner and project on both providers.</summary>
    public string? LiveKey { get; private set; }
    public DateTime IssuedAtUtc { get; private set; }
    public Guid? IssuedById { get; private set; }
    public string IssuedByName { get; private set; } = "";
    public int Corrections { get; private set; }
    public DateTime? CorrectedAtUtc { get; private set; }
    public DateTime? PrintedAtUtc { get; private set; }
    /// <summary>"sent" (carrier + tracking number) or "in_person"; empty until delivered.</summary>
    public string Delivery { get; private set; } = "";
    public DateTime? DeliveredAtUtc { get; private set; }
    public DateTime? ReceivedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public string RevokedReason { get; private set; } = "";
    public Guid? RevokedByViolationId { get; private set; }
    public Guid? ReplacesId { get; private set; }
    public Guid? ReplacedById { get; private set; }
    public DateTime? ReplacedAtUtc { get; private set; }
    public string ReplacedReason { get; private set; } = "";
    public int Version { get; private set; }

    public const string IdPurpose = "certificates.id_number";

    private Certificate() { }

    public Certificate(CertificateData data, string number, string verificationCode, Guid? issuedById, string issuedByName, DateTime nowUtc, Guid? replacesId = null)
    {
        Number = number;
        VerificationCode = verificationCode;
        LearnerId = data.LearnerId;
        ProjectId = data.ProjectId;
        EvaluationInstitutionId = data.EvaluationInstitutionId;
        TrainingInstitutionId = data.TrainingInstitutionId;
        HolderName = data.HolderName;
        IdTypeName = data.IdTypeName;
        IdNumberCipher = data.IdNumberCipher;
        IdNumberMasked = data.IdNumberMasked;
        ProjectCode = data.ProjectCode;
        ProjectName = data.ProjectName;
        Occupation = data.Occupation;
        Level = data.Level;
        LevelName = data.LevelName;
        Result = data.Result;
        ResultDetail = data.ResultDetail;
        InstitutionName = data.InstitutionName;
        Status = CertificateStatus.Issued;
        LiveKey = KeyOf(data.LearnerId, data.ProjectId);
        IssuedAtUtc = nowUtc;
        IssuedById = issuedById;
        IssuedByName = issuedByName;
        ReplacesId = replacesId;
    }

    public static string KeyOf(Guid learnerId, Guid projectId) => $"{learnerId:N}{projectId:N}";

    public bool IsLive => Status == CertificateStatus.Issued;

    public CertificateData Data => new(LearnerId, ProjectId, EvaluationInstitutionId, TrainingInstitutionId, HolderName, IdTypeName, IdNumberCipher,
        IdNumberMasked, ProjectCode, ProjectName, Occupation, Level, LevelName, Result, ResultDetail, InstitutionName);

    /// <summary>Applies a before-print correction to one printed field; the caller appends the <see cref="CertificateCorrection"/>.</summary>
    public string Correct(string field, string value, DateTime nowUtc)
    {
        var old = CertificateFields.Get(this, field);
        switch (field)
        {
            case CertificateFields.HolderName: HolderName = value; break;
            case CertificateFields.Occupation: Occupation = value; break;
            case CertificateFields.LevelName: LevelName = value; break;
            case CertificateFields.ProjectName: ProjectName = value; break;
            case CertificateFields.Result: Result = value; break;
            default: throw new ArgumentException($"Field '{field}' cannot be corrected.", nameof(field));
        }
        Corrections++;
        CorrectedAtUtc = nowUtc;
        Version++;
        return old;
    }

    public void MarkPrinted(DateTime nowUtc) { PrintedAtUtc ??= nowUtc; Version++; }

    public void MarkDelivered(string how, DateTime nowUtc) { Delivery = how; DeliveredAtUtc = nowUtc; Version++; }

    public void MarkReceived(DateTime nowUtc) { ReceivedAtUtc ??= nowUtc; Version++; }

    public void Revoke(string reason, Guid? violationId, DateTime nowUtc)
    {
        Status = CertificateStatus.Revoked;
        LiveKey = null;
        RevokedAtUtc = nowUtc;
        RevokedReason = reason;
        RevokedByViolationId = violationId;
        Version++;
    }

    public void Replace(Guid newId, string reason, DateTime nowUtc)
    {
        Status = CertificateStatus.Replaced;
        LiveKey = null;
        ReplacedById = newId;
        ReplacedAtUtc = nowUtc;
        ReplacedReason = reason;
        Version++;
    }
}

/// <summary>The printed data of a certificate, as taken at issue (or carried over with corrections to a replacement).</summary>
public sealed record CertificateData(Guid LearnerId, Guid ProjectId, Guid EvaluationInstitutionId, Guid TrainingInstitutionId, string HolderName,
    string IdTypeName, string IdNumberCipher, string IdNumberMasked, string ProjectCode, string ProjectName, string Occupation, int Level,
    string LevelName, string Result, string ResultDetail, string InstitutionName);

/// <summary>The fields staff may correct, with their Chinese labels.</summary>
public static class CertificateFields
{
    public const string HolderName = "HolderName", Occupation = "Occupation", LevelName = "LevelName", ProjectName = "ProjectName", Result = "Result";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [HolderName] = "持证人姓名", [ProjectName] = "项目名称", [Occupation] = "职业（工种）", [LevelName] = "等级", [Result] = "评价结果",
    };

    public static string Get(Certificate c, string field) => field switch
    {
        HolderName => c.HolderName,
        Occupation => c.Occupation,
        LevelName => c.LevelName,
        ProjectName => c.ProjectName,
        Result => c.Result,
        _ => throw new ArgumentException($"Field '{field}' cannot be corrected.", nameof(field)),
    };

    public static CertificateData With(CertificateData d, string field, string value) => field switch
    {
        HolderName => d with { HolderName = value },
        Occupation => d with { Occupation = value },
        LevelName => d with { LevelName = value },
        ProjectName => d with { ProjectName = value },
        Result => d with { Result = value },
        _ => throw new ArgumentException($"Field '{field}' cannot be corrected.", nameof(field)),
    };
}

/// <summary>Append-only trace of a correction made before printing (who, when, why, old, new) — seed 001 §三(四)7.</summary>
public sealed class CertificateCorrection
{
    public Guid Id { get; private set; } = Guid.NewGuid();
    public Guid CertificateId { get; private set; }
    public string Field { get; private set; } = "";
    public string OldValue { get; private set; } = "";
    public string NewValue { get; private set; } = "";
    public string Reason { get; private set; } = "";
    /// <summary>Set when the correction was made by issuing a replacement (after printing).</summary>
    public Guid? ReplacementId { get; private set; }
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime AtUtc { get; private set; }

    private CertificateCorrection() { }

    public CertificateCorrection(Guid certificateId, string field, string oldValue, string newValue, string reason, Guid? replacementId, Guid? byId, string byName, DateTime atUtc)
    {
        CertificateId = certificateId; Field = field; OldValue = oldValue; NewValue = newValue; Reason = reason; ReplacementId = replacementId;
        ById = byId; ByName = byName; AtUtc = atUtc;
    }
}

/// <summary>One step of a certificate's life, appended: issued, corrected, printed, sent, handed_over, received, revoked, replaced.</summary>
public sealed class CertificateEvent
{
    public long Id { get; private set; }
    public Guid CertificateId { get; private set; }
    public string Kind { get; private set; } = "";
    public string Detail { get; private set; } = "";
    public string Carrier { get; private set; } = "";
    public string TrackingNo { get; private set; } = "";
    public Guid? ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTime AtUtc { get; private set; }

    private CertificateEvent() { }

    public CertificateEvent(Guid certificateId, string kind, string detail, Guid? byId, string byName, DateTime atUtc, string carrier = "", string trackingNo = "")
    {
        CertificateId = certificateId; Kind = kind; Detail = detail; ById = byId; ByName = byName; AtUtc = atUtc; Carrier = carrier; TrackingNo = trackingNo;
    }

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["issued"] = "核发", ["corrected"] = "信息更正", ["printed"] = "打印", ["sent"] = "邮寄", ["handed_over"] = "当面发放",
        ["received"] = "学员签收", ["revoked"] = "撤销", ["replaced"] = "换发（原证收回）", ["reissued"] = "更正换发",
    };

    public string Title => Titles.TryGetValue(Kind, out var t) ? t : Kind;
}

/// <summary>Serial counter per (evaluation institution, year): incremented in the issuing transaction.</summary>
public sealed class CertificateSerial
{
    public Guid InstitutionId { get; private set; }
    public int Year { get; private set; }
    /// <summary>The last serial handed out.</summary>
    public int Last { get; private set; }

    private CertificateSerial() { }
    public CertificateSerial(Guid institutionId, int year, int last) { InstitutionId = institutionId; Year = year; Last = last; }
}

/// <summary>A named cursor of a recurring job (e.g. the last violation confirmation time processed).</summary>
public sealed class CertificateCursor
{
    public string Name { get; private set; } = "";
    public DateTime PositionUtc { get; private set; }

    private CertificateCursor() { }
    public CertificateCursor(string name, DateTime positionUtc) { Name = name; PositionUtc = positionUtc; }
    public void MoveTo(DateTime positionUtc) { if (positionUtc > PositionUtc) PositionUtc = positionUtc; }
}

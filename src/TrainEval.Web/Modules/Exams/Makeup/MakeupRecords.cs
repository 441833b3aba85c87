namespace TrainEval.Web.Modules.Exams.Makeup;

/// <summary>The cases in which a makeup (补考) may be granted (seed 000 §13 "补考适用情形"; §11.6 for platform faults).</summary>
public enum MakeupCase
{
    /// <summary>A published result that did not pass (未通过考试).</summary>
    Failed = 1,
    /// <summary>Absent from the sitting (缺考) for a reason the learner states and staff accept.</summary>
    Absent = 2,
    /// <summary>The result was cancelled because of a platform-caused interruption (平台原因中断) and no re-sit took its place.</summary>
    PlatformInterruption = 3,
}

public enum MakeupStatus { Pending = 0, Approved = 1, Refused = 2, Withdrawn = 3 }

/// <summary>How the makeup fee was settled when the application was approved (MKP-01: "record which").</summary>
public enum MakeupFeeSettlement
{
    /// <summary>Not approved yet, or approved before fees went through the payments module.</summary>
    None = 0,
    /// <summary>No fee under the rules version the application was judged under.</summary>
    NoFee = 1,
    /// <summary>Paid online through the payments module (gateway notification or reconciliation).</summary>
    Online = 2,
    /// <summary>Paid offline (counter cash or transfer) and confirmed in the payments module by finance staff.</summary>
    Offline = 3,
}

/// <summary>
/// One published version of a project's makeup rules (MKP-01, seed 000 §13.2 "事先明确补考适用情形、补考次数、补考时限和补考收费规则"),
/// set by the evaluation institution. Publishing a new version supersedes the previous one, which stays on record; an
/// application is judged under the version in force when the result it makes up was decided.
/// </summary>
public sealed class MakeupRules
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid EvaluationInstitutionId { get; private set; }
    public int VersionNo { get; private set; }
    public bool AllowFailed { get; private set; }
    public bool AllowAbsent { get; private set; }
    public bool AllowPlatformInterruption { get; private set; }
    /// <summary>Makeups a learner may take per subject of the project.</summary>
    public int MaxMakeups { get; private set; }
    /// <summary>Days after the result is published (or the sitting ended, for an absence) within which one may apply.</summary>
    public int WindowDays { get; private set; }
    public long FeeFen { get; private set; }
    public string Payee { get; private set; } = "";
    /// <summary>Further rules shown to learners (time, form and requirements of makeups).</summary>
    public string Notes { get; private set; } = "";
    public Guid PublishedBy { get; private set; }
    public DateTime PublishedAtUtc { get; private set; }
    public DateTime? SupersededAtUtc { get; private set; }

    private MakeupRules() { }

    public static MakeupRules Publish(Guid projectId, Guid evaluationInstitutionId, int versionNo, MakeupRulesInput input, Guid by, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ProjectId = projectId, EvaluationInstitutionId = evaluationInstitutionId, VersionNo = versionNo,
        AllowFailed = input.AllowFailed, AllowAbsent = input.AllowAbsent, AllowPlatformInterruption = input.AllowPlatformInterruption,
        MaxMakeups = input.MaxMakeups, WindowDays = input.WindowDays, FeeFen = input.FeeFen, Payee = input.Payee.Trim(), Notes = input.Notes.Trim(),
        PublishedBy = by, PublishedAtUtc = nowUtc,
    };

    public void Supersede(DateTime nowUtc) => SupersededAtUtc ??= nowUtc;

    public bool Allows(MakeupCase c) => c switch
    {
        MakeupCase.Failed => AllowFailed,
        MakeupCase.Absent => AllowAbsent,
        MakeupCase.PlatformInterruption => AllowPlatformInterruption,
        _ => false,
    };

    /// <summary>The rules as one sentence for learners.</summary>
    public string Summary()
    {
        var cases = new List<string>();
        if (AllowFailed) cases.Add("考试不合格");
        if (AllowAbsent) cases.Add("因正当理由缺考");
        if (AllowPlatformInterruption) cases.Add("因平台原因中断且成绩取消");
        return $"适用情形：{(cases.Count == 0 ? "不安排补考" : string.Join("、", cases))}；每科目最多补考 {MaxMakeups} 次；"
            + $"成绩发布（缺考为场次结束）后 {WindowDays} 日内申请；补考费 {MakeupText.Yuan(FeeFen)}{(FeeFen > 0 && Payee.Length > 0 ? $"（收款单位：{Payee}）" : "")}；"
            + "存在替考、作弊、冒名考试或其他严重违规行为的不得补考。";
    }
}

public sealed record MakeupRulesInput(bool AllowFailed, bool AllowAbsent, bool AllowPlatformInterruption, int MaxMakeups, int WindowDays,
    long FeeFen, string Payee, string Notes);

/// <summary>
/// A learner's makeup application (补考申请, MKP-01; seed 000 §13.5 "补考申请、补考资格、补考时间、补考结果"): the attempt it makes up,
/// the case, the rules version and fee it was judged under, the staff decision (approve into a makeup sitting, or refuse
/// with a reason, or withdrawn by the learner) and, for a fee, how it was paid when approved — online through the payments
/// module or offline as confirmed by finance — with order number, reference, time and who confirmed. Never deleted; a
/// refused or withdrawn one stays on record.
/// </summary>
public sealed class MakeupApplication
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid EvaluationInstitutionId { get; private set; }
    public Guid LearnerId { get; private set; }
    public string Subject { get; private set; } = "";
    public Guid SourceAttemptId { get; private set; }
    public Guid SourceSittingId { get; private set; }
    /// <summary>Equals <see cref="SourceAttemptId"/> while pending or approved, null once refused or withdrawn: a unique index keeps one open application per attempt.</summary>
    public Guid? OpenSourceAttemptId { get; private set; }
    public MakeupCase Case { get; private set; }
    public string Statement { get; private set; } = "";
    public Guid RulesId { get; private set; }
    public int RulesVersionNo { get; private set; }
    public long FeeFen { get; private set; }
    public DateTime AppliedAtUtc { get; private set; }
    public MakeupStatus Status { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string DecisionNote { get; private set; } = "";
    public Guid? MakeupSittingId { get; private set; }
    /// <summary>The gateway transaction id (online) or the receipt / bank reference finance entered (offline).</summary>
    public string PaymentReference { get; private set; } = "";
    public MakeupFeeSettlement FeeSettlement { get; private set; }
    /// <summary>The payments module's order the fee was paid through.</summary>
    public string FeeOrderNo { get; private set; } = "";
    public DateTime? FeePaidAtUtc { get; private set; }
    /// <summary>For an offline payment: the finance staff member who confirmed it.</summary>
    public Guid? FeeConfirmedBy { get; private set; }

    private MakeupApplication() { }

    public static MakeupApplication Create(Guid projectId, Guid evaluationInstitutionId, Guid learnerId, string subject, Guid sourceAttemptId,
        Guid sourceSittingId, MakeupCase @case, string statement, MakeupRules rules, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(), ProjectId = projectId, EvaluationInstitutionId = evaluationInstitutionId, LearnerId = learnerId, Subject = subject,
        SourceAttemptId = sourceAttemptId, SourceSittingId = sourceSittingId, OpenSourceAttemptId = sourceAttemptId, Case = @case,
        Statement = statement, RulesId = rules.Id, RulesVersionNo = rules.VersionNo, FeeFen = rules.FeeFen, AppliedAtUtc = nowUtc,
        Status = MakeupStatus.Pending,
    };

    /// <param name="fee">The fee's settlement; null when the application carries no fee.</param>
    public void Approve(Guid sittingId, MakeupFeePaid? fee, string note, Guid by, DateTime nowUtc)
    {
        Status = MakeupStatus.Approved;
        MakeupSittingId = sittingId;
        FeeSettlement = fee is null ? MakeupFeeSettlement.NoFee : fee.Offline ? MakeupFeeSettlement.Offline : MakeupFeeSettlement.Online;
        PaymentReference = fee?.Reference ?? "";
        FeeOrderNo = fee?.OrderNo ?? "";
        FeePaidAtUtc = fee?.PaidAtUtc;
        FeeConfirmedBy = fee?.ConfirmedBy;
        DecisionNote = note;
        DecidedBy = by;
        DecidedAtUtc = nowUtc;
    }

    /// <summary>The learner takes back a pending application; the attempt may be applied for again while the window lasts.</summary>
    public void Withdraw(string reason, DateTime nowUtc)
    {
        Status = MakeupStatus.Withdrawn;
        OpenSourceAttemptId = null;
        DecisionNote = reason;
        DecidedBy = LearnerId;
        DecidedAtUtc = nowUtc;
    }

    public void Refuse(string reason, Guid by, DateTime nowUtc)
    {
        Status = MakeupStatus.Refused;
        OpenSourceAttemptId = null;
        DecisionNote = reason;
        DecidedBy = by;
        DecidedAtUtc = nowUtc;
    }
}

/// <summary>A makeup fee as the payments module reported it paid: order, reference (transaction or offline receipt), time, offline confirmer.</summary>
public sealed record MakeupFeePaid(string OrderNo, string Reference, DateTime? PaidAtUtc, bool Offline, Guid? ConfirmedBy);

public static class MakeupText
{
    public static string Yuan(long fen) => fen == 0 ? "免费" : $"{fen / 100m:0.##} 元";

    public static string CaseName(MakeupCase c) => c switch
    {
        MakeupCase.Failed => "考试不合格", MakeupCase.Absent => "缺考", MakeupCase.PlatformInterruption => "平台原因中断", _ => c.ToString(),
    };

    /// <summary>How an approved application's fee was settled, for staff lists.</summary>
    public static string SettlementText(MakeupApplication a) => a.FeeSettlement switch
    {
        MakeupFeeSettlement.Online => $"补考费在线支付（订单 {a.FeeOrderNo}）",
        MakeupFeeSettlement.Offline => $"补考费线下缴费（订单 {a.FeeOrderNo}，凭证 {a.PaymentReference}）",
        MakeupFeeSettlement.None when a.PaymentReference.Length > 0 => $"缴费凭证 {a.PaymentReference}",
        _ => "",
    };

    public static string StatusName(MakeupStatus s) => s switch
    {
        MakeupStatus.Pending => "待审核", MakeupStatus.Approved => "已批准", MakeupStatus.Refused => "未批准", MakeupStatus.Withdrawn => "已撤回",
        _ => s.ToString(),
    };
}

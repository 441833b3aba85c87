namespace TrainEval.Web.Modules.Enrollment;

public enum VersionStatus { Draft = 0, Published = 1, Superseded = 2 }

public enum FeeKind { Training = 1, Exam = 2, Makeup = 3, Certificate = 4, Material = 5, Other = 9 }

/// <summary>
/// The rules of a project as published before enrollment opens (ENR-02, PAY-01, PAY-04). Publishing freezes a
/// version; edits after that create a new version which applies only to new enrollments — an enrollment keeps the
/// version it was made under.
/// </summary>
public sealed class ProjectVersion
{
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public int VersionNo { get; private set; }
    public VersionStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public Guid? PublishedBy { get; private set; }

    public string Audience { get; set; } = "";
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public string EducationRequirement { get; set; } = "";
    public string ExperienceRequirement { get; set; } = "";
    public string HealthRequirement { get; set; } = "";
    public string OtherConditions { get; set; } = "";
    public string LearningRequirements { get; set; } = "";
    public string CompletionRule { get; set; } = "";
    public string ExamRules { get; set; } = "";
    public string MakeupRules { get; set; } = "";
    public string CertificateRules { get; set; } = "";
    public string CourseForm { get; set; } = "";
    public string RefundRules { get; set; } = "";
    /// <summary>Percentage of the training fee refunded when the learner withdraws after activation (PAY-04 formula).</summary>
    public int RefundPercentAfterActivation { get; set; }
    public int LearningValidityDays { get; set; } = 365;
    public int ReplayValidityDays { get; set; } = 365;
    public int ReviewTimeLimitHours { get; set; } = 72;
    public string ComplaintChannel { get; set; } = "";
    public DateTime EnrollmentOpensAtUtc { get; set; }
    public DateTime EnrollmentClosesAtUtc { get; set; }

    public List<ProjectFee> Fees { get; private set; } = [];
    public List<RequiredMaterial> Materials { get; private set; } = [];

    private ProjectVersion() { }

    public static ProjectVersion Draft(Guid projectId, int versionNo, DateTime nowUtc)
        => new() { Id = Guid.CreateVersion7(), ProjectId = projectId, VersionNo = versionNo, Status = VersionStatus.Draft, CreatedAtUtc = nowUtc };

    /// <summary>A new draft carrying every rule, fee and material of this version (later edits never touch a published version).</summary>
    public ProjectVersion CopyAsDraft(int versionNo, DateTime nowUtc)
    {
        var d = Draft(ProjectId, versionNo, nowUtc);
        foreach (var p in typeof(ProjectVersion).GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic))
            p.SetValue(d, p.GetValue(this));
        foreach (var f in Fees.OrderBy(f => f.Order)) d.AddFee(f.Kind, f.Name, f.AmountFen, f.Payee, f.RefundRule, f.Mandatory);
        foreach (var m in Materials.OrderBy(m => m.Order)) d.AddMaterial(m.Key, m.Name, m.Description, m.AcceptedFormats, m.MaxSizeKb, m.Required);
        return d;
    }

    public ProjectFee AddFee(FeeKind kind, string name, long amountFen, string payee, string refundRule, bool mandatory)
    {
        var fee = new ProjectFee(Id, Fees.Count + 1, kind, name.Trim(), amountFen, payee.Trim(), refundRule.Trim(), mandatory);
        Fees.Add(fee);
        return fee;
    }

    public RequiredMaterial AddMaterial(string key, string name, string description, string acceptedFormats, int maxSizeKb, bool required)
    {
        var m = new RequiredMaterial(Id, Materials.Count + 1, key, name, description, acceptedFormats, maxSizeKb, required);
        Materials.Add(m);
        return m;
    }

    /// <summary>Checks everything the standard requires to be disclosed before enrollment; returns the problems in Chinese.</summary>
    public IReadOnlyList<string> PublicationProblems()
    {
        var p = new List<string>();
        void Need(string value, string label) { if (string.IsNullOrWhiteSpace(value)) p.Add($"未填写{label}"); }
        Need(Audience, "适用对象");
        Need(LearningRequirements, "学习要求");
        Need(CompletionRule, "学习完成规则");
        Need(ExamRules, "考试规则");
        Need(MakeupRules, "补考规则");
        Need(CertificateRules, "证书规则");
        Need(CourseForm, "课程形式");
        Need(RefundRules, "退费规则");
        Need(ComplaintChannel, "咨询投诉渠道");
        if (Fees.Count == 0) p.Add("未公示收费项目");
        foreach (var f in Fees)
            if (FeeRules.NameProblem(f.Name) is { } problem) p.Add($"收费项目“{f.Name}”：{problem}");
            else if (f.AmountFen <= 0) p.Add($"收费项目“{f.Name}”金额必须大于 0");
            else if (string.IsNullOrWhiteSpace(f.Payee)) p.Add($"收费项目“{f.Name}”未写明收款单位");
            else if (string.IsNullOrWhiteSpace(f.RefundRule)) p.Add($"收费项目“{f.Name}”未写明退费规则");
        if (!Fees.Any(f => f.Mandatory)) p.Add("至少应有一项必缴费用（如培训费）");
        if (EnrollmentClosesAtUtc <= EnrollmentOpensAtUtc) p.Add("报名截止时间应晚于报名开始时间");
        if (LearningValidityDays <= 0 || ReplayValidityDays <= 0) p.Add("学习有效期与回看有效期应大于 0 天");
        if (ReviewTimeLimitHours <= 0) p.Add("审核时限应大于 0");
        if (RefundPercentAfterActivation is < 0 or > 100) p.Add("开课后退费比例应在 0–100% 之间");
        return p;
    }

    public void Publish(Guid? by, DateTime nowUtc)
    {
        if (Status != VersionStatus.Draft) throw new InvalidOperationException("Only a draft can be published.");
        Status = VersionStatus.Published;
        PublishedAtUtc = nowUtc;
        PublishedBy = by;
    }

    public void Supersede() => Status = VersionStatus.Superseded;

    public bool IsOpenForEnrollment(DateTime nowUtc) => Status == VersionStatus.Published && nowUtc >= EnrollmentOpensAtUtc && nowUtc < EnrollmentClosesAtUtc;

    public long MandatoryTotalFen => Fees.Where(f => f.Mandatory).Sum(f => f.AmountFen);
}

/// <summary>One itemised fee (PAY-01): named, in fen, with its payee and refund rule.</summary>
public sealed class ProjectFee
{
    public Guid Id { get; private set; }
    public Guid ProjectVersionId { get; private set; }
    public int Order { get; private set; }
    public FeeKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public long AmountFen { get; private set; }
    public string Payee { get; private set; } = "";
    public string RefundRule { get; private set; } = "";
    /// <summary>Mandatory fees are part of every order; optional ones are never pre-selected.</summary>
    public bool Mandatory { get; private set; }

    private ProjectFee() { }

    internal ProjectFee(Guid versionId, int order, FeeKind kind, string name, long amountFen, string payee, string refundRule, bool mandatory)
    {
        Id = Guid.CreateVersion7(); ProjectVersionId = versionId; Order = order; Kind = kind; Name = name; AmountFen = amountFen;
        Payee = payee; RefundRule = refundRule; Mandatory = mandatory;
    }

    public static string KindName(FeeKind k) => k switch
    {
        FeeKind.Training => "培训费", FeeKind.Exam => "考试费", FeeKind.Makeup => "补考费", FeeKind.Certificate => "证书费",
        FeeKind.Material => "教材资料费", _ => "其他（已列明）",
    };
}

/// <summary>A material the learner must (or may) upload (ENR-03).</summary>
public sealed class RequiredMaterial
{
    public Guid Id { get; private set; }
    public Guid ProjectVersionId { get; private set; }
    public int Order { get; private set; }
    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    /// <summary>Comma-separated: jpg, png, pdf.</summary>
    public string AcceptedFormats { get; private set; } = "";
    public int MaxSizeKb { get; private set; }
    public bool Required { get; private set; }

    private RequiredMaterial() { }

    internal RequiredMaterial(Guid versionId, int order, string key, string name, string description, string acceptedFormats, int maxSizeKb, bool required)
    {
        Id = Guid.CreateVersion7(); ProjectVersionId = versionId; Order = order; Key = key; Name = name; Description = description;
        AcceptedFormats = acceptedFormats; MaxSizeKb = maxSizeKb; Required = required;
    }

    public IReadOnlyList<string> Formats => AcceptedFormats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class FeeRules
{
    private static readonly string[] Vague = ["综合服务费", "其他费用", "其他", "杂费", "服务费", "综合费", "费用", "管理费", "相关费用", "另行收取"];

    /// <summary>PAY-01: a fee name must say what it pays for; catch-all names are refused.</summary>
    public static string? NameProblem(string name)
    {
        var n = (name ?? "").Trim();
        if (n.Length < 2) return "名称过短，应写明收费内容";
        if (n.Length > 40) return "名称不能超过 40 个字";
        if (Vague.Contains(n) || n.Contains("综合") || n.StartsWith("其他", StringComparison.Ordinal))
            return "名称含义模糊，应具体写明收费内容（如“培训费”“考试费”“证书工本费”）";
        if (n.Any(c => c is '<' or '>')) return "名称不能包含尖括号";
        return null;
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00");
}

namespace TrainEval.Web.Platform.Auth;

/// <summary>Which side of 考培分离 (BAT-10) a role sits on.</summary>
public enum RoleSide { Neutral, Training, Evaluation }

/// <summary>The actors of REQUIREMENTS.md. Staff roles are granted per institution (tenant).</summary>
public static class Roles
{
    public const string Learner = "learner";
    public const string TrainingAdmin = "training.admin";
    public const string TrainingReviewer = "training.reviewer";
    public const string Teacher = "training.teacher";
    public const string Tutor = "training.tutor";
    public const string CustomerService = "training.service";
    public const string Finance = "training.finance";
    public const string PromotionAgent = "promotion.agent";
    public const string EvaluationAdmin = "evaluation.admin";
    public const string BatchLead = "evaluation.batch_lead";
    public const string Proctor = "evaluation.proctor";
    public const string Examiner = "evaluation.examiner";
    public const string SiteLead = "evaluation.site_lead";
    public const string Operator = "platform.operator";
    public const string Regulator = "regulator.viewer";

    public sealed record RoleInfo(string Code, string DisplayName, RoleSide Side, InstitutionKind? Kind);

    public static readonly IReadOnlyList<RoleInfo> All =
    [
        new(Learner, "学员", RoleSide.Neutral, null),
        new(TrainingAdmin, "培训机构管理员", RoleSide.Training, InstitutionKind.Training),
        new(TrainingReviewer, "报名审核员", RoleSide.Training, InstitutionKind.Training),
        new(Teacher, "授课教师", RoleSide.Training, InstitutionKind.Training),
        new(Tutor, "辅导员", RoleSide.Training, InstitutionKind.Training),
        new(CustomerService, "客服人员", RoleSide.Training, InstitutionKind.Training),
        new(Finance, "财务人员", RoleSide.Training, InstitutionKind.Training),
        new(PromotionAgent, "合作推广专员", RoleSide.Training, InstitutionKind.Promotion),
        new(EvaluationAdmin, "评价机构管理员", RoleSide.Evaluation, InstitutionKind.Evaluation),
        new(BatchLead, "批次负责人", RoleSide.Evaluation, InstitutionKind.Evaluation),
        new(Proctor, "监考员", RoleSide.Evaluation, InstitutionKind.Evaluation),
        new(Examiner, "考评员", RoleSide.Evaluation, InstitutionKind.Evaluation),
        new(SiteLead, "现场考务负责人", RoleSide.Evaluation, InstitutionKind.Evaluation),
        new(Operator, "平台运营人员", RoleSide.Neutral, InstitutionKind.Operator),
        new(Regulator, "监管人员", RoleSide.Neutral, InstitutionKind.Regulator),
    ];

    public static RoleInfo? Find(string code) => All.FirstOrDefault(r => r.Code == code);
    public static string DisplayName(string code) => Find(code)?.DisplayName ?? code;
    public static RoleSide Side(string code) => Find(code)?.Side ?? RoleSide.Neutral;
}

/// <summary>Kinds of tenant on the platform.</summary>
public enum InstitutionKind
{
    Training = 1,    // 培训机构
    Evaluation = 2,  // 评价机构
    Promotion = 3,   // 合作推广单位
    Operator = 4,    // 平台运营方
    Regulator = 5,   // 监管机构
}

public static class InstitutionKinds
{
    public static string DisplayName(this InstitutionKind k) => k switch
    {
        InstitutionKind.Training => "培训机构",
        InstitutionKind.Evaluation => "评价机构",
        InstitutionKind.Promotion => "合作推广单位",
        InstitutionKind.Operator => "平台运营方",
        InstitutionKind.Regulator => "监管机构",
        _ => "未知",
    };
}

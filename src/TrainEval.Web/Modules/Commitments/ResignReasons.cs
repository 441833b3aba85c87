namespace TrainEval.Web.Modules.Commitments;

/// <summary>Why a commitment is signed again (seed 000 §8 重签 a–d, §10 重签 a–d); the original always stays.</summary>
public static class ResignReasons
{
    public const string ProjectChange = "project_change", IdentityCorrection = "identity_correction", TemplateChange = "template_change",
        LostRecord = "lost_record", BatchChange = "batch_change", Reschedule = "reschedule", RulesChange = "rules_change";

    public static IReadOnlyList<string> For(CommitmentKind kind) => kind == CommitmentKind.Learning
        ? [ProjectChange, IdentityCorrection, TemplateChange, LostRecord]
        : [BatchChange, Reschedule, RulesChange, IdentityCorrection, LostRecord];

    public static string Label(string code) => code switch
    {
        ProjectChange => "学习项目变更",
        IdentityCorrection => "学员身份信息依法更正",
        TemplateChange => "承诺书版本更新且涉及关键事项变化",
        LostRecord => "原签署记录缺失、损坏或无法核验",
        BatchChange => "考试批次调整",
        Reschedule => "考试时间重新安排",
        RulesChange => "考试规则发生关键变化",
        "" => "",
        _ => code,
    };

    public static string StatusLabel(CommitmentRecord r) => r.Status switch
    {
        RecordStatus.Revoked => "已撤销",
        RecordStatus.Superseded => "已重签替代",
        _ when r.ResignRequestedAtUtc is not null => "待重新签署",
        _ => "有效",
    };

    public static string MethodLabel(SignMethod m) => m == SignMethod.Face ? "人脸识别确认" : "验证码确认";
}

namespace TrainEval.Web.Modules.Complaints;

/// <summary>Chinese names and badges for the complaint vocabulary.</summary>
public static class ComplaintNames
{
    public static string Category(ComplaintCategory c) => c switch
    {
        ComplaintCategory.Fees => "收费",
        ComplaintCategory.Learning => "学习",
        ComplaintCategory.Exam => "考试",
        ComplaintCategory.Score => "成绩",
        ComplaintCategory.Certificate => "证书",
        ComplaintCategory.PersonalData => "个人信息",
        _ => "其他",
    };

    public static string CategoryHint(ComplaintCategory c) => c switch
    {
        ComplaintCategory.Fees => "收费标准、缴费结果、退费等争议",
        ComplaintCategory.Learning => "课程开通、学时认定、学习异常等",
        ComplaintCategory.Exam => "考试组织、考试异常、身份核验等",
        ComplaintCategory.Score => "成绩异议、复核结果等",
        ComplaintCategory.Certificate => "证书信息错误、发放、查验等",
        ComplaintCategory.PersonalData => "个人信息收集、使用、更正等处理争议",
        _ => "以上以外的服务问题",
    };

    public static string State(ComplaintState s) => s switch
    {
        ComplaintState.Submitted => "待受理",
        ComplaintState.InProgress => "处理中",
        ComplaintState.Replied => "已答复",
        _ => "已办结",
    };

    public static string StateBadge(ComplaintState s) => s switch
    {
        ComplaintState.Submitted => "badge-warn",
        ComplaintState.InProgress => "badge-info",
        ComplaintState.Replied => "badge",
        _ => "badge-muted",
    };

    public static string Outcome(ComplaintOutcome? o) => o switch
    {
        ComplaintOutcome.Upheld => "投诉属实，已处理",
        ComplaintOutcome.PartlyUpheld => "部分属实，已处理",
        ComplaintOutcome.NotUpheld => "经核查不属实",
        ComplaintOutcome.OutOfScope => "不属于受理范围，已告知途径",
        _ => "",
    };

    public static string Channel(ComplaintChannel c) => c == ComplaintChannel.Learner ? "学员（登录）" : "公众（未登录）";

    public static string Stars(int? n) => n is { } v ? new string('★', v) + new string('☆', 5 - v) : "";
}

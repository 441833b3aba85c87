using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Sittings;

namespace TrainEval.Web.Modules.Exams;

/// <summary>Chinese labels shared by the exam pages.</summary>
public static class ExamText
{
    public static string StateName(Sitting s, ExamAttempt? a) => s.CancelledAtUtc is not null ? "已取消" : a?.State switch
    {
        AttemptState.Submitted => AttemptSubmitter.ModeLabel(a.SubmitMode),
        AttemptState.InProgress => "作答中",
        _ => "待考",
    };

    public static string ResultText(ExamAttempt? a) => a is null || a.State != AttemptState.Submitted ? "—" : a.ResultState switch
    {
        ResultState.Published => $"{a.Score:0.##} 分（{(a.Passed == true ? "合格" : "不合格")}）",
        ResultState.Cancelled => "成绩已取消",
        ResultState.Held => "暂缓发布",
        _ => "待复核",
    };

    public static string ResultName(ResultState r) => r switch
    {
        ResultState.Published => "已发布", ResultState.Cancelled => "已取消", ResultState.Held => "暂缓发布", _ => "待复核",
    };
}

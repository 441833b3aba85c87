namespace TrainEval.Web.Modules.Verification;

/// <summary>What a decision's reason code means, in the words shown to learners and staff (IDV-03: the reason is shown).</summary>
public static class ReasonLabels
{
    public const string RetryLimit = "RetryLimit";
    public const string EngineUnavailable = "EngineUnavailable";
    public const string Interrupted = "Interrupted";
    public const string CameraUnavailable = "CameraUnavailable";
    public const string ManualOnSite = "ManualOnSite";
    public const string ManualVideoCall = "ManualVideoCall";
    public const string ManualRefused = "ManualRefused";

    public static string Label(string code) => code switch
    {
        "Matched" => "人脸比对一致，活体检测通过",
        "NoImage" => "未收到图像，请重试",
        "NotAnImage" => "图像无法识别，请重试",
        "NoFace" => "未检测到人脸：请正对摄像头，保证光线充足",
        "MultipleFaces" => "画面中有多张人脸：请确保只有本人在镜头前",
        "FaceTooSmall" => "人脸过小：请靠近摄像头",
        "PoseOutOfRange" => "请正对摄像头，不要侧脸或低头",
        "PoorImage" => "图像不清晰（过暗、过亮或模糊），请调整光线后重试",
        "TooFewFrames" => "有效画面不足，请保持在镜头前完成动作",
        "ChallengeNotMet" => "未按提示完成动作，请重试",
        "Mismatch" => "与本人底照不一致",
        "SpoofSuspected" => "疑似非真人（照片、屏幕翻拍等），未通过活体检测",
        RetryLimit => "多次重试仍未通过",
        EngineUnavailable => "核验服务暂不可用（无结果），请稍后重试",
        Interrupted => "核验过程被中断（页面切换或网络中断），请重试",
        CameraUnavailable => "无法使用摄像头",
        ManualOnSite => "工作人员现场核验身份证件与本人一致",
        ManualVideoCall => "工作人员视频通话核验身份证件与本人一致",
        ManualRefused => "人工核验未通过",
        _ => code,
    };

    public static string Outcome(CheckOutcome o) => o switch
    {
        CheckOutcome.Pass => "通过",
        CheckOutcome.Retry => "重试",
        CheckOutcome.Fail => "不通过",
        _ => o.ToString(),
    };

    public static string OutcomeBadge(CheckOutcome o) => o switch
    {
        CheckOutcome.Pass => "badge",
        CheckOutcome.Retry => "badge-warn",
        _ => "badge-err",
    };

    public static string Context(CheckContext c) => c switch
    {
        CheckContext.Login => "登录核验",
        CheckContext.Learning => "学习过程抽查",
        CheckContext.Exam => "考前核验",
        CheckContext.Makeup => "补考前核验",
        CheckContext.Reentry => "重新进入核验",
        CheckContext.Trial => "自助测试",
        CheckContext.AlternativePath => "人工身份核验（替代途径）",
        _ => c.ToString(),
    };
}

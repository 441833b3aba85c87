namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>Chinese names of learning-event kinds and session end reasons on the records pages (codes from the ledger writer).</summary>
public static class RecordLabels
{
    public static string EventKind(string kind) => kind switch
    {
        "session.opened" => "打开学习页面",
        "replay.opened" => "回看",
        "interaction.answered" => "互动确认",
        "identity.passed" => "人脸核验通过",
        "identity.failed" => "人脸核验未通过",
        "identity.timed-out" => "人脸核验超时",
        "heartbeat.refused" => "心跳被拒绝",
        _ => kind,
    };

    public static string EventDetail(string detail) => detail switch
    {
        "late" => "超过确认时限",
        "in-time" => "按时确认",
        _ => detail,
    };

    /// <summary>Why a session stopped counting; empty while it is live.</summary>
    public static string EndReason(string reason) => reason switch
    {
        "" => "",
        "superseded" => "已在新页面打开课程",
        "signed-out" => "账号已退出或在其他设备登录",
        _ => LedgerReasonLabels.For(reason),
    };

    public static string UnitKind(Content.UnitKind kind) => kind switch
    {
        Content.UnitKind.Video => "视频",
        Content.UnitKind.Live => "直播",
        Content.UnitKind.Document => "文档",
        Content.UnitKind.SelfTest => "自测",
        _ => kind.ToString(),
    };

    public static string AnomalyStatus(Anomalies.AnomalyStatus status) => status switch
    {
        Anomalies.AnomalyStatus.Open => "待复核",
        Anomalies.AnomalyStatus.Confirmed => "已确认（相应学时作废）",
        Anomalies.AnomalyStatus.Dismissed => "已排除",
        _ => status.ToString(),
    };

    public static string AnomalyRule(string rule) => rule switch
    {
        "fast-completion" => "短时间内完成大量学习任务",
        "no-interaction" => "长时间播放无互动",
        "ip-changes" => "IP 地址频繁变化",
        "many-devices" => "使用多台设备",
        "fast-practice" => "练习作答过快",
        _ => rule,
    };
}

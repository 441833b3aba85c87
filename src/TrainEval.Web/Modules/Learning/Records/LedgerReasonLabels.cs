using TrainEval.Web.Modules.Learning.Ledger;

namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>
/// The Chinese label of every ledger reason code (LRN-05, LRN-06): what the learner, staff and auditors read next to a
/// stretch of time that counted or not. One place for the records pages, the player page and exports.
/// </summary>
public static class LedgerReasonLabels
{
    /// <summary>Shared by every refusal of a heartbeat that changed nothing.</summary>
    public const string InvalidHeartbeat = "无效心跳";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [LedgerReason.Credited.Code()] = "计入有效学时",
        [LedgerReason.Idle.Code()] = "超过互动间隔未操作",
        [LedgerReason.Hidden.Code()] = "页面切出/失去焦点",
        [LedgerReason.Speed.Code()] = "倍速播放",
        [LedgerReason.Seek.Code()] = "拖动进度",
        [LedgerReason.Cap.Code()] = "超出每日上限",
        [LedgerReason.SecondDevice.Code()] = "账号在其他设备/页面登录",
        [LedgerReason.ParallelCourse.Code()] = "同时学习多门课程",
        [LedgerReason.FaceCheckFailed.Code()] = "人脸核验未通过",
        [LedgerReason.NotPlaying.Code()] = "暂停",
        [LedgerReason.Gap.Code()] = "心跳间隔过长",
        [LedgerReason.Baseline.Code()] = "计时起点",
        [LedgerReason.Duplicate.Code()] = InvalidHeartbeat,
        [LedgerReason.OutOfOrder.Code()] = InvalidHeartbeat,
        [LedgerReason.FutureDated.Code()] = InvalidHeartbeat,
        [LedgerReason.NotActivated.Code()] = InvalidHeartbeat,
        [LedgerReason.BeyondDuration.Code()] = InvalidHeartbeat,
        [LedgerReason.AnomalyConfirmed.Code()] = "异常确认后作废",
    };

    /// <summary>The label of a stored reason code; an unknown code is shown as it is.</summary>
    public static string For(string code) => Labels.TryGetValue(code, out var label) ? label : code;

    public static string For(LedgerReason reason) => For(reason.Code());

    /// <summary>Every reason code with its label, in the order of <see cref="LedgerReason"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
        [.. Enum.GetValues<LedgerReason>().Select(r => new KeyValuePair<string, string>(r.Code(), For(r)))];
}

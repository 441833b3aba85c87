using System.Globalization;

namespace TrainEval.Web.Modules.Learning.Content;

/// <summary>Chinese labels and Beijing-time formatting shared by the authoring and learner pages of course content.</summary>
public static class ContentText
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Video => "视频",
        UnitKind.Live => "直播",
        UnitKind.Document => "资料",
        UnitKind.SelfTest => "自测",
        _ => "单元",
    };

    /// <summary>A one-character icon per kind (text, so it needs no image and reads aloud sensibly with the label).</summary>
    public static string KindIcon(UnitKind kind) => kind switch
    {
        UnitKind.Video => "▶",
        UnitKind.Live => "●",
        UnitKind.Document => "▤",
        UnitKind.SelfTest => "✎",
        _ => "•",
    };

    public static string StateName(UnitState state) => state switch
    {
        UnitState.Done => "已完成",
        UnitState.ToDo => "待学习",
        _ => "未解锁",
    };

    /// <summary>"12 分钟", "1 小时 5 分钟"; under a minute "不足 1 分钟".</summary>
    public static string Duration(double seconds)
    {
        var minutes = (int)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);
        if (seconds > 0 && minutes == 0) return "不足 1 分钟";
        return minutes < 60 ? $"{minutes} 分钟" : minutes % 60 == 0 ? $"{minutes / 60} 小时" : $"{minutes / 60} 小时 {minutes % 60} 分钟";
    }

    /// <summary>Whole minutes of a sum of seconds (course duration, LRN-01).</summary>
    public static int Minutes(double seconds) => (int)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);

    /// <summary>"2026-12-01 19:30" (or with seconds) in Beijing time.</summary>
    public static string BeijingTime(DateTime utc, bool seconds = false)
        => (utc + Beijing).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"12月1日 19:30" in Beijing time.</summary>
    public static string BeijingShort(DateTime utc) => (utc + Beijing).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of an &lt;input type="datetime-local"&gt; in Beijing time.</summary>
    public static string BeijingInput(DateTime? utc) => utc is { } u ? (u + Beijing).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>Parses a Beijing "yyyy-MM-ddTHH:mm" (seconds optional) into UTC.</summary>
    public static DateTime? ParseBeijing(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        return DateTime.TryParseExact(input.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local - Beijing, DateTimeKind.Utc)
            : null;
    }
}

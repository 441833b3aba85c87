namespace TrainEval.Web.Modules.Complaints;

/// <summary>What is due next on a complaint and how much time is left (SUP-01 published time limits).</summary>
public sealed record SlaStatus(string Step, DateTime? DueUtc, TimeSpan Left, bool Overdue)
{
    public static readonly SlaStatus None = new("", null, TimeSpan.Zero, false);

    /// <summary>"剩余 2 天 3 小时" / "已超时 5 小时" / "".</summary>
    public string Text => DueUtc is null ? "" : Overdue ? "已超时 " + ComplaintSla.Duration(-Left) : "剩余 " + ComplaintSla.Duration(Left);
}

public static class ComplaintSla
{
    /// <summary>Open complaints: acknowledgement is due first, then the reply; replied and closed complaints have nothing due.</summary>
    public static SlaStatus Status(Complaint c, DateTime nowUtc)
    {
        var (step, due) = c.State switch
        {
            ComplaintState.Submitted => ("受理", c.AcknowledgeDueUtc),
            ComplaintState.InProgress => ("答复", c.ReplyDueUtc),
            _ => ("", (DateTime?)null),
        };
        if (due is null) return SlaStatus.None;
        var left = due.Value - nowUtc;
        return new SlaStatus(step, due, left, left < TimeSpan.Zero);
    }

    /// <summary>Whole days and hours; minutes below one hour.</summary>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.FromHours(1)) return $"{Math.Max(0, (int)t.TotalMinutes)} 分钟";
        var days = (int)t.TotalDays;
        return days > 0 ? $"{days} 天 {t.Hours} 小时" : $"{t.Hours} 小时";
    }

    /// <summary>Handling time: from filing to the first reply (null while unanswered).</summary>
    public static TimeSpan? HandlingTime(Complaint c) => c.FirstRepliedAtUtc is { } r ? r - c.FiledAtUtc : null;

    public static DateTime ToChina(DateTime utc) => utc + WorkingCalendar.ChinaOffset;
}

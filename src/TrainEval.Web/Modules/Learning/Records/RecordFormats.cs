using System.Globalization;

namespace TrainEval.Web.Modules.Learning.Records;

/// <summary>How learning records print times and durations (Beijing time, UTC+8, no daylight saving).</summary>
public static class RecordFormats
{
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>Annex 2 学习时间记录: seconds, 24-hour clock, a comma and a space between date and time — "2023-10-30, 15:20:36".</summary>
    public static string AnnexTime(DateTime utc) => (utc + BeijingOffset).ToString("yyyy-MM-dd, HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-25 10:00:00" in Beijing time.</summary>
    public static string BeijingDateTime(DateTime utc) => (utc + BeijingOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-25" in Beijing time.</summary>
    public static string BeijingDate(DateTime utc) => (utc + BeijingOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly BeijingDay(DateTime utc) => Ledger.LearningLedger.BeijingDay(utc);

    /// <summary>The UTC instant at which the Beijing day starts.</summary>
    public static DateTime BeijingMidnightUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - BeijingOffset, DateTimeKind.Utc);

    /// <summary>Monday of the (Monday-first) week the day belongs to.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// Annex 2 有效学习时长(min): whole minutes, rounded down (the annex shows integers; a started minute is not credited),
    /// never negative.
    /// </summary>
    public static long WholeMinutes(long ms) => ms <= 0 ? 0 : ms / 60_000;

    /// <summary>Annex 2 课程时长(min): the course's content length in minutes, rounded to the nearest minute.</summary>
    public static int CourseMinutes(double seconds) => seconds <= 0 ? 0 : (int)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);

    /// <summary>A duration for people: "2 小时 05 分", "12 分 30 秒", "0 秒"; negative values (voids) keep their sign.</summary>
    public static string Duration(long ms)
    {
        var sign = ms < 0 ? "-" : "";
        var t = TimeSpan.FromMilliseconds(Math.Abs(ms));
        var hours = (long)t.TotalHours;
        if (hours > 0) return $"{sign}{hours} 小时 {t.Minutes:00} 分";
        if (t.Minutes > 0) return $"{sign}{t.Minutes} 分 {t.Seconds:00} 秒";
        return $"{sign}{t.Seconds} 秒";
    }

    /// <summary>Minutes with one decimal for statistics ("12.5").</summary>
    public static string Minutes(double ms) => (ms / 60_000).ToString("0.#", CultureInfo.InvariantCulture);
}

namespace TrainEval.Web.Modules.Complaints;

/// <summary>
/// China working days: Monday–Friday in China time (UTC+8), minus configured public holidays, plus configured 调休
/// weekend working days. Deadlines are the end (24:00 China time) of the n-th working day after the day of filing.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> extraWorkingDays)
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private readonly HashSet<DateOnly> holidays = [.. holidays];
    private readonly HashSet<DateOnly> extra = [.. extraWorkingDays];

    public static DateOnly ChinaDate(DateTime utc) => DateOnly.FromDateTime(utc + ChinaOffset);

    /// <summary>00:00 China time of the day, in UTC.</summary>
    public static DateTime StartOfChinaDayUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - ChinaOffset, DateTimeKind.Utc);

    public bool IsWorkingDay(DateOnly d)
        => extra.Contains(d) || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d));

    /// <summary>The end of the <paramref name="workingDays"/>-th working day after the China date of <paramref name="fromUtc"/>.</summary>
    public DateTime DueUtc(DateTime fromUtc, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = ChinaDate(fromUtc);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return StartOfChinaDayUtc(day.AddDays(1));
    }
}

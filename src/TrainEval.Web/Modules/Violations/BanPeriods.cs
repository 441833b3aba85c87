namespace TrainEval.Web.Modules.Violations;

/// <summary>
/// Ban windows in China time (Asia/Shanghai). Tier 2: "当年不得参加其他鉴定" — until the end of the calendar year in which
/// the act took place (Beijing date). Tier 3: "2 年内不得参加鉴定" — two years from the confirmation. Ends are exclusive.
/// </summary>
public static class BanPeriods
{
    public static readonly TimeZoneInfo China = FindChina();

    private static TimeZoneInfo FindChina()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    public static DateTime ToChina(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), China);

    public static DateTime FromChina(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), China);

    /// <summary>The first instant of the next calendar year in China after <paramref name="occurredAtUtc"/>, as UTC.</summary>
    public static DateTime EndOfChinaYear(DateTime occurredAtUtc) => FromChina(new DateTime(ToChina(occurredAtUtc).Year + 1, 1, 1, 0, 0, 0));

    /// <summary>Two calendar years (China dates) after <paramref name="fromUtc"/>.</summary>
    public static DateTime TwoYearsFrom(DateTime fromUtc) => FromChina(ToChina(fromUtc).AddYears(2));

    /// <summary>The ban a tier entails, or null when none (tier 1, or a tier-2 year that has already ended).</summary>
    public static (DateTime StartsAtUtc, DateTime EndsAtUtc)? For(int tier, DateTime occurredAtUtc, DateTime confirmedAtUtc)
    {
        var end = tier switch
        {
            2 => EndOfChinaYear(occurredAtUtc),
            3 => TwoYearsFrom(confirmedAtUtc),
            _ => (DateTime?)null,
        };
        return end is { } e && e > confirmedAtUtc ? (confirmedAtUtc, e) : null;
    }

    /// <summary>The last day of a ban as a China date (the end is exclusive).</summary>
    public static string LastDay(DateTime endsAtUtc) => ToChina(endsAtUtc).AddTicks(-1).ToString("yyyy-MM-dd");
}

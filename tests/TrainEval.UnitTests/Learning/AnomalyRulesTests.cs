using TrainEval.Web.Modules.Learning.Anomalies;

namespace TrainEval.UnitTests.Learning;

public sealed class AnomalyRulesTests
{
    private static readonly Guid L = Guid.NewGuid(), C = Guid.NewGuid();
    private static readonly DateTime T = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void LRN_08_five_completions_within_thirty_minutes_make_one_finding_per_burst()
    {
        var burst = Enumerable.Range(0, 6).Select(i => (L, C, T.AddMinutes(4 * i)));
        var spread = Enumerable.Range(0, 6).Select(i => (L, C, T.AddHours(5).AddMinutes(10 * i)));
        var findings = AnomalyRules.FastCompletions(burst.Concat(spread)).ToList();
        var f = Assert.Single(findings);
        Assert.Equal(T, f.FromUtc);
        Assert.Equal(T.AddMinutes(20), f.ToUtc);
        Assert.Contains("6 项", f.Detail);
    }

    [Fact]
    public void LRN_08_four_completions_are_not_a_burst()
        => Assert.Empty(AnomalyRules.FastCompletions(Enumerable.Range(0, 4).Select(i => (L, C, T.AddMinutes(i)))));

    [Fact]
    public void LRN_08_distinct_ips_are_counted_per_beijing_day()
    {
        // 15:30Z and 16:30Z fall on different Beijing days (midnight is 16:00Z).
        var sessions = new[] { "1.1.1.1", "2.2.2.2" }.Select(ip => (L, C, T.AddHours(13.5), ip))
            .Append((L, C, T.AddHours(14.5), "3.3.3.3"));
        Assert.Empty(AnomalyRules.DistinctPerDay(sessions, 3, AnomalyRules.IpChanges, "IP 地址"));
        var sameDay = sessions.Append((L, C, T.AddHours(13.6), "4.4.4.4"));
        var f = Assert.Single(AnomalyRules.DistinctPerDay(sameDay, 3, AnomalyRules.IpChanges, "IP 地址"));
        Assert.Equal(new DateTime(2026, 11, 24, 16, 0, 0, DateTimeKind.Utc), f.FromUtc);
    }

    [Fact]
    public void LRN_08_a_browser_update_is_the_same_device()
    {
        Assert.Equal(AnomalyRules.Device("Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36"),
            AnomalyRules.Device("Mozilla/5.0 (Windows NT 10.0) Chrome/121.0 Safari/537.36"));
        Assert.NotEqual(AnomalyRules.Device("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1"),
            AnomalyRules.Device("Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile"));
    }
}

using TrainEval.Web.Modules.Violations;

namespace TrainEval.UnitTests.Violations;

/// <summary>The seed 001 catalogue, tier rules, ban windows in China time and the four-eyes rule (VIO-01, VIO-02).</summary>
public sealed class ViolationRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void VIO_01_catalogue_has_the_seeds_four_five_and_seven_acts_per_tier()
    {
        Assert.Equal([4, 5, 7], ViolationCatalogue.Acts.GroupBy(a => a.Tier).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.All(ViolationCatalogue.Acts, a => Assert.Equal($"{a.Tier}-{a.Item}", a.Code));
        Assert.Contains("冒名顶替", ViolationCatalogue.Find("3-4")!.Name);
        Assert.Contains("虚假材料", ViolationCatalogue.Find("3-1")!.Name);
        Assert.True(ViolationCatalogue.Find("3-1")!.SittingOptional);
        Assert.False(ViolationCatalogue.Find("2-1")!.SittingOptional);
        Assert.Null(ViolationCatalogue.Find("4-1"));
        Assert.Equal("《考试违纪违规行为认定和处理办法》第 3 条第（4）项", ViolationCatalogue.Basis(ViolationCatalogue.Find("3-4")!));
    }

    [Theory]
    [InlineData("1-1", null, null, 1, false)]
    [InlineData("1-1", 1, null, 1, false)]
    [InlineData("1-1", 3, "组织多人传递答案，情节严重", 3, false)]
    [InlineData("1-1", 2, "", null, true)]      // raising needs a reason
    [InlineData("2-2", 1, "认错态度好", null, true)] // never lower
    [InlineData("3-4", 2, "初犯", null, true)]
    [InlineData("1-2", 4, "情节特别严重", null, true)] // unknown tier
    [InlineData("1-2", 0, "理由理由", null, true)]
    public void VIO_01_tier_follows_the_act_and_can_only_be_raised_with_a_reason(string code, int? requested, string? reason, int? expected, bool error)
    {
        var (tier, problem) = ViolationCatalogue.ApplyTier(ViolationCatalogue.Find(code)!, requested, reason);
        Assert.Equal(expected, tier);
        Assert.Equal(error, problem is not null);
    }

    [Fact]
    public void VIO_02_tier2_ban_ends_when_the_china_year_of_the_act_ends()
    {
        var (start, end) = BanPeriods.For(2, Now.AddDays(-1), Now)!.Value;
        Assert.Equal(Now, start);
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), end);   // 2027-01-01 00:00 Beijing
        Assert.Equal("2026-12-31", BanPeriods.LastDay(end));
    }

    [Fact]
    public void VIO_02_an_act_on_new_years_eve_after_4pm_utc_belongs_to_the_next_china_year()
    {
        var act = new DateTime(2026, 12, 31, 16, 30, 0, DateTimeKind.Utc);   // 2027-01-01 00:30 Beijing
        Assert.Equal(new DateTime(2027, 12, 31, 16, 0, 0, DateTimeKind.Utc), BanPeriods.EndOfChinaYear(act));
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), BanPeriods.EndOfChinaYear(act.AddHours(-1)));
    }

    [Fact]
    public void VIO_02_tier2_confirmed_after_that_year_ended_imposes_no_ban()
    {
        var act = new DateTime(2026, 12, 28, 2, 0, 0, DateTimeKind.Utc);
        Assert.Null(BanPeriods.For(2, act, new DateTime(2027, 1, 5, 2, 0, 0, DateTimeKind.Utc)));
        Assert.NotNull(BanPeriods.For(2, act, new DateTime(2026, 12, 31, 15, 59, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void VIO_02_tier3_bans_two_china_calendar_years_from_confirmation_and_tier1_not_at_all()
    {
        var (start, end) = BanPeriods.For(3, Now.AddDays(-3), Now)!.Value;
        Assert.Equal(Now, start);
        Assert.Equal(new DateTime(2028, 11, 25, 2, 0, 0, DateTimeKind.Utc), end);
        Assert.Null(BanPeriods.For(1, Now, Now));
    }

    [Fact]
    public void VIO_01_the_recorder_cannot_decide_and_a_record_is_decided_once()
    {
        var recorder = Guid.NewGuid();
        var v = Violation.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "批次 · 科目", ViolationCatalogue.Find("2-1")!, 2, "",
            "考试中使用手机查询答案，被监考员当场发现。", Now, recorder, "冯涛", null, Now);
        Assert.False(v.CanBeDecidedBy(recorder));
        Assert.Throws<InvalidOperationException>(() => v.Dismiss(recorder, "冯涛", "误认", Now));
        var other = Guid.NewGuid();
        Assert.True(v.CanBeDecidedBy(other));
        v.Confirm(other, "吴婷", "", "取消成绩", "复核途径", 2, null, Now);
        Assert.Equal(ViolationState.Confirmed, v.State);
        Assert.False(v.CanBeDecidedBy(Guid.NewGuid()));
        Assert.Throws<InvalidOperationException>(() => v.Dismiss(Guid.NewGuid(), "某人", "再处理", Now));
    }

    [Fact]
    public void VIO_01_an_in_exam_act_needs_a_sitting_and_the_tier_never_drops_below_the_act()
    {
        var act = ViolationCatalogue.Find("1-1")!;
        Assert.Throws<ArgumentException>(() => Violation.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "", act, 1, "", "事实事实事实事实事实", Now, Guid.NewGuid(), "x", null, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => Violation.Record(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "", ViolationCatalogue.Find("3-4")!, 2, "",
            "事实事实事实事实事实", Now, Guid.NewGuid(), "x", null, Now));
    }

    [Fact]
    public void VIO_02_a_lifted_ban_is_no_longer_active_and_keeps_its_window()
    {
        var ban = Ban.Create(Guid.NewGuid(), 3, Now, Now.AddYears(2), "三级违纪", Guid.NewGuid());
        Assert.True(ban.IsActiveAt(Now.AddDays(1)));
        Assert.False(ban.IsActiveAt(Now.AddSeconds(-1)));
        ban.Lift(Guid.NewGuid(), "吴婷", "复核撤销原处理决定", Now.AddDays(2));
        Assert.False(ban.IsActiveAt(Now.AddDays(3)));
        Assert.Equal(Now.AddYears(2), ban.EndsAtUtc);
        Assert.Throws<InvalidOperationException>(() => ban.Lift(Guid.NewGuid(), "吴婷", "再解除", Now.AddDays(4)));
    }
}

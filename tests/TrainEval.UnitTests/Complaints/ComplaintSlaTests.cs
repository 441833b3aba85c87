using TrainEval.Web.Modules.Complaints;

namespace TrainEval.UnitTests.Complaints;

/// <summary>SUP-01 published time limits: working days in China time, holidays and 调休, and the countdown.</summary>
public sealed class ComplaintSlaTests
{
    private static readonly WorkingCalendar Plain = new([], []);

    private static DateTime China(int y, int m, int d, int h = 0, int min = 0) => new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public void SUP_01_due_is_the_end_of_the_nth_working_day_after_the_day_of_filing()
    {
        // Wednesday 2026-11-25 10:00 → 1 working day: end of Thursday; 5 working days: end of Wednesday 2 Dec.
        Assert.Equal(China(2026, 11, 27), Plain.DueUtc(China(2026, 11, 25, 10), 1));
        Assert.Equal(China(2026, 12, 3), Plain.DueUtc(China(2026, 11, 25, 10), 5));
    }

    [Fact]
    public void SUP_01_weekends_do_not_count_and_filing_late_at_night_uses_the_china_date()
    {
        // Friday 23:30 China (15:30 UTC, still Friday in UTC too) → Monday; Saturday 01:00 China (Friday 17:00 UTC) → Monday too.
        Assert.Equal(China(2026, 12, 1), Plain.DueUtc(China(2026, 11, 27, 23, 30), 1));
        Assert.Equal(China(2026, 12, 1), Plain.DueUtc(China(2026, 11, 28, 1), 1));
        Assert.Equal(China(2026, 12, 5), Plain.DueUtc(China(2026, 11, 28, 1), 5));
    }

    [Fact]
    public void SUP_01_public_holidays_are_skipped_and_make_up_working_days_count()
    {
        var national = new WorkingCalendar(
            [new(2026, 10, 1), new(2026, 10, 2), new(2026, 10, 5), new(2026, 10, 6), new(2026, 10, 7)],
            [new(2026, 10, 10)]);
        // Filed Wednesday 30 Sept: 1 Oct (Thu), 2 (Fri) holidays, weekend, 5–7 holidays → first working day Thursday 8 Oct.
        Assert.Equal(China(2026, 10, 9), national.DueUtc(China(2026, 9, 30, 9), 1));
        // Three working days: 8, 9 and the make-up Saturday 10 Oct.
        Assert.Equal(China(2026, 10, 11), national.DueUtc(China(2026, 9, 30, 9), 3));
    }

    [Fact]
    public void SUP_01_countdown_follows_the_state_and_turns_overdue()
    {
        var filed = China(2026, 11, 25, 10);
        var c = Complaint.File(ComplaintChannel.Public, null, "张三", ComplaintCategory.Fees, null, "", null, "", "退费未到账", "退费超过时限仍未到账，请核查。",
            filed, Plain.DueUtc(filed, 1), Plain.DueUtc(filed, 5));
        var s = ComplaintSla.Status(c, filed.AddHours(2));
        Assert.Equal("受理", s.Step);
        Assert.False(s.Overdue);
        Assert.Equal("剩余 1 天 12 小时", s.Text);
        var late = ComplaintSla.Status(c, China(2026, 11, 27, 5));
        Assert.True(late.Overdue);
        Assert.Equal("已超时 5 小时", late.Text);

        c.Acknowledge(China(2026, 11, 27, 5));
        Assert.True(c.AcknowledgedLate);
        var reply = ComplaintSla.Status(c, China(2026, 11, 27, 5));
        Assert.Equal("答复", reply.Step);
        Assert.False(reply.Overdue);
        c.Answer(ComplaintOutcome.Upheld, "已退回。", China(2026, 11, 28));
        Assert.Equal(SlaStatus.None, ComplaintSla.Status(c, China(2026, 12, 30)));
        Assert.False(c.RepliedLate);
        Assert.Equal(TimeSpan.FromHours(62), ComplaintSla.HandlingTime(c));
    }

    [Fact]
    public void SUP_01_one_reopen_within_the_window_rating_once_and_close_only_after_rating_or_window()
    {
        var filed = China(2026, 11, 25, 10);
        var c = Complaint.File(ComplaintChannel.Learner, Guid.NewGuid(), "李四", ComplaintCategory.Score, null, "", null, "", "成绩有误", "成绩与估分不符，申请核查。",
            filed, Plain.DueUtc(filed, 1), Plain.DueUtc(filed, 5));
        c.Acknowledge(filed.AddHours(1));
        c.Answer(ComplaintOutcome.NotUpheld, "维持原成绩。", filed.AddDays(1));
        Assert.False(c.CanClose(filed.AddDays(2), 15));
        Assert.True(c.CanClose(filed.AddDays(17), 15));
        Assert.False(c.CanReopen(filed.AddDays(17), 15));
        Assert.True(c.CanReopen(filed.AddDays(2), 15));
        c.Reopen("请再次核查。", filed.AddDays(2), Plain.DueUtc(filed.AddDays(2), 5));
        Assert.Equal(ComplaintState.InProgress, c.State);
        c.Answer(ComplaintOutcome.Upheld, "已更正。", filed.AddDays(3));
        Assert.False(c.CanReopen(filed.AddDays(3), 15));
        Assert.True(c.CanRate);
        c.Rate(5, "", filed.AddDays(3));
        Assert.False(c.CanRate);
        Assert.Throws<InvalidOperationException>(() => c.Rate(1, "", filed.AddDays(3)));
        Assert.True(c.CanClose(filed.AddDays(3), 15));
    }

    [Theory]
    [InlineData("abcde-fghjk-mnpqr-stvwx", true)]
    [InlineData("ABCDEFGHJKMNPQRSTVWX", true)]
    [InlineData("ABCDE-FGHJK-MNPQR-STVW", false)]
    [InlineData("", false)]
    public void SUP_01_access_codes_are_100_bit_crockford_and_compared_by_hash(string typed, bool matches)
    {
        var hash = ComplaintText.HashCode(ComplaintText.NormalizeCode("ABCDE-FGHJK-MNPQR-STVWX"));
        Assert.Equal(matches, ComplaintText.CodeMatches(typed, hash));
        var code = ComplaintText.NewAccessCode();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", code);
        Assert.NotEqual(code, ComplaintText.NewAccessCode());
    }
}

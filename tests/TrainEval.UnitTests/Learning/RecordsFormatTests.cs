using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using TrainEval.Web.Modules.Learning.Completion;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Ledger;
using TrainEval.Web.Modules.Learning.Records;
using TrainEval.Web.Modules.Learning.Records.MyRecords;
using TrainEval.Web.Modules.Learning.Records.Statistics;

namespace TrainEval.UnitTests.Learning;

public sealed class RecordsFormatTests
{
    [Theory]
    [InlineData(2023, 10, 30, 7, 20, 36, "2023-10-30, 15:20:36")]   // annex 2's own example, 15:20:36 Beijing
    [InlineData(2026, 11, 24, 16, 0, 0, "2026-11-25, 00:00:00")]   // Beijing midnight is 16:00 UTC the day before
    [InlineData(2026, 11, 25, 15, 59, 59, "2026-11-25, 23:59:59")] // 24-hour clock, seconds kept
    public void LRN_07_annex_time_is_beijing_date_comma_space_24h_time_with_seconds(int y, int mo, int d, int h, int mi, int s, string expected)
        => Assert.Equal(expected, RecordFormats.AnnexTime(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(59_999, 0)]
    [InlineData(60_000, 1)]
    [InlineData(119_999, 1)]
    [InlineData(2_700_000, 45)]
    [InlineData(-60_000, 0)]
    public void LRN_07_effective_minutes_are_whole_minutes_rounded_down_and_never_negative(long ms, long minutes)
        => Assert.Equal(minutes, RecordFormats.WholeMinutes(ms));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(89, 1)]
    [InlineData(90, 2)]
    [InlineData(2700, 45)]
    [InlineData(2729.9, 45)]
    public void LRN_07_course_minutes_round_content_seconds_to_the_nearest_minute(double seconds, int minutes)
        => Assert.Equal(minutes, RecordFormats.CourseMinutes(seconds));

    [Theory]
    [InlineData("张三", "张三")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded ", "\" padded \"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+8613800000000", "'+8613800000000")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("", "")]
    [InlineData("2023-10-30, 15:20:36", "\"2023-10-30, 15:20:36\"")]
    public void LRN_07_csv_fields_follow_rfc4180_and_neutralise_formulas(string value, string expected)
        => Assert.Equal(expected, CsvFormat.Field(value));

    [Fact]
    public void LRN_07_csv_lines_end_with_crlf_and_the_encoding_writes_a_bom()
    {
        Assert.Equal("a,\"b,c\",'=1\r\n", CsvFormat.Line(["a", "b,c", "=1"]));
        Assert.Equal([0xEF, 0xBB, 0xBF], CsvFormat.Utf8WithBom.GetPreamble());
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "Windows 电脑 · Chrome 120")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Windows 电脑 · Edge 120")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN", "iPhone · 微信")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", "iPhone · Safari 17")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-S9180) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36", "Android 手机 · Chrome 116")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; MatePad) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36", "Android 平板 · Chrome 116")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "Mac 电脑 · Safari 17")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Linux 电脑 · Firefox 121")]
    [InlineData("Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 Mobile Safari/537.36", "鸿蒙设备 · Chrome 99")]
    [InlineData("TrainEvalTests/1.0 (integration)", "未知设备")]
    [InlineData("", "未知设备")]
    [InlineData(null, "未知设备")]
    public void LRN_06_device_is_summarised_from_the_user_agent(string? ua, string expected) => Assert.Equal(expected, DeviceSummary.Describe(ua));

    [Fact]
    public void LRN_06_every_ledger_reason_has_a_chinese_label()
    {
        foreach (var reason in Enum.GetValues<LedgerReason>())
        {
            var label = LedgerReasonLabels.For(reason);
            Assert.NotEqual(reason.Code(), label);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", label);
        }
        Assert.Equal("计入有效学时", LedgerReasonLabels.For("credited"));
        Assert.Equal("账号在其他设备/页面登录", LedgerReasonLabels.For("second-device"));
        Assert.Equal("无效心跳", LedgerReasonLabels.For("out-of-order"));
        Assert.Equal("some-new-code", LedgerReasonLabels.For("some-new-code"));
        Assert.Equal(Enum.GetValues<LedgerReason>().Length, LedgerReasonLabels.All.Count);
    }

    [Fact]
    public void SUP_03_trend_buckets_follow_beijing_days_monday_weeks_and_months_clipped_to_the_range()
    {
        var perDay = new Dictionary<DateOnly, long>
        {
            [new DateOnly(2026, 11, 29)] = 60_000,  // Sunday
            [new DateOnly(2026, 11, 30)] = 120_000, // Monday
            [new DateOnly(2026, 12, 1)] = 180_000,
            [new DateOnly(2026, 12, 20)] = 600_000, // outside the range
        };
        var from = new DateOnly(2026, 11, 28);
        var to = new DateOnly(2026, 12, 2);

        var days = Trend.Build(perDay, from, to, TrendGranularity.Day);
        Assert.Equal(5, days.Count);
        Assert.Equal([0L, 60_000, 120_000, 180_000, 0], days.Select(b => b.Ms));

        var weeks = Trend.Build(perDay, from, to, TrendGranularity.Week);
        Assert.Equal(2, weeks.Count);
        Assert.Equal((from, new DateOnly(2026, 11, 29), 60_000L), (weeks[0].From, weeks[0].To, weeks[0].Ms));
        Assert.Equal((new DateOnly(2026, 11, 30), to, 300_000L), (weeks[1].From, weeks[1].To, weeks[1].Ms));
        Assert.Equal(2, Trend.Count(from, to, TrendGranularity.Week));

        var months = Trend.Build(perDay, from, to, TrendGranularity.Month);
        Assert.Equal(["2026-11", "2026-12"], months.Select(b => b.Label));
        Assert.Equal([180_000L, 180_000], months.Select(b => b.Ms)); // November 29–30, December 1–2
    }

    [Fact]
    public void SUP_03_chart_has_one_bar_per_bucket_an_accessible_title_and_nice_ticks()
    {
        var buckets = Trend.Build(new Dictionary<DateOnly, long> { [new DateOnly(2026, 11, 25)] = 37 * 60_000 },
            new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26), TrendGranularity.Day);
        var chart = new TrendChart("t", "趋势", TrendGranularity.Day, buckets);

        Assert.Equal(3, chart.Bars.Count);
        Assert.Equal(0, chart.Bars[0].H);
        Assert.True(chart.Bars[1].H > 0);
        Assert.Equal("40", chart.Ticks[^1].Label); // 37 minutes → ticks of 10
        Assert.Contains("2026-11-25：37 分钟", chart.Bars[1].Tooltip);
        Assert.Equal("日期", chart.XAxisLabel);
        Assert.Contains("合计 37 分钟", chart.Summary);
    }

    [Theory]
    [InlineData(true, 0, false, LearnerCourseStatus.Completed)]
    [InlineData(false, 1, true, LearnerCourseStatus.InProgress)]
    [InlineData(false, 0, true, LearnerCourseStatus.NotStarted)]
    [InlineData(false, 1, false, LearnerCourseStatus.QuitAfterStart)]
    [InlineData(false, 0, false, LearnerCourseStatus.QuitBeforeStart)]
    public void SUP_03_learners_are_classified_by_completion_credit_and_open_activation(bool met, long ms, bool open, LearnerCourseStatus expected)
        => Assert.Equal(expected, CompletionBatch.Classify(met, ms, open));

    [Fact]
    public void SUP_03_batch_completion_applies_every_part_of_the_rule()
    {
        var rules = new CourseRules(360, 10, 1, RequiredMinutes: 30, RequireAllUnits: true, PracticeMinAnswered: 10, PracticeMinAccuracyPercent: 60,
            RequireSelfTestsPassed: true);
        var ok = new CompletionFacts(30 * 60_000, RequiredDone: 3, SelfTestsDone: 1, Answered: 10, Correct: 6);
        Assert.True(CompletionBatch.Met(rules, 3, 1, ok));
        Assert.False(CompletionBatch.Met(rules, 3, 1, ok with { EffectiveMs = 30 * 60_000 - 1 }));
        Assert.False(CompletionBatch.Met(rules, 3, 1, ok with { RequiredDone = 2 }));
        Assert.False(CompletionBatch.Met(rules, 3, 1, ok with { SelfTestsDone = 0 }));
        Assert.False(CompletionBatch.Met(rules, 3, 1, ok with { Answered = 9, Correct = 6 }));
        Assert.False(CompletionBatch.Met(rules, 3, 1, ok with { Correct = 5 }));
    }

    [Fact]
    public void LRN_07_learning_record_pdf_is_a4_with_chinese_title_and_several_pages_for_many_sessions()
    {
        var t0 = new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
        var sessions = Enumerable.Range(0, 80).Select(i => new SessionRecord(Guid.NewGuid(), t0.AddHours(i), t0.AddHours(i), t0.AddHours(i).AddMinutes(40), null,
            "第一章 游泳运动概述", 2700, 40 * 60_000, 38 * 60_000, 2400, "203.0.113.7", "Windows 电脑 · Chrome 120", false, "", 80, 0)).ToList();
        var data = new LearningRecordData("欧阳娜娜", "居民身份证", "440***********1234", "learner-abc", "社会体育指导员（游泳）四级", "示例体育职业技能培训中心",
            "游泳救生基础", t0, t0.AddDays(365),
            new RecordSummary(80 * 38 * 60_000, 0, 0, 3, 3, 2, 20, 18, 1, 1, 0, 80),
            [new CompletionItem("time", "有效学习时长达到 30 分钟", true, "3040 / 30 分钟")],
            [new UnitRecord(Guid.NewGuid(), "第一章 游泳运动概述", UnitKind.Video, true, t0, "watched")], sessions, t0.AddDays(10), "ABCD-EF01-2345-6789",
            "https://example.cn/my/courses/x/records");

        var bytes = LearningRecordPdf.Build(data);

        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.InRange(bytes.Length, 10_000, 2_000_000);
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount >= 2);
        Assert.Equal(595, pdf.Pages[0].Width.Point, 0);
        Assert.Equal("学习记录 欧阳娜娜 游泳救生基础", pdf.Info.Title);
    }

    [Fact]
    public void LRN_07_verification_code_is_four_groups_of_hex_and_depends_on_the_figures()
    {
        var l = Guid.NewGuid();
        var c = Guid.NewGuid();
        var t = new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
        var code = LearningRecordPrint.VerificationCode(l, c, 1000, 2, t);
        Assert.Matches("^[0-9A-F]{4}(-[0-9A-F]{4}){3}$", code);
        Assert.Equal(code, LearningRecordPrint.VerificationCode(l, c, 1000, 2, t));
        Assert.NotEqual(code, LearningRecordPrint.VerificationCode(l, c, 1001, 2, t));
    }
}

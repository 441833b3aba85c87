using System.Text.Json;
using TrainEval.Web.Modules.Commitments;

namespace TrainEval.UnitTests.Commitments;

public sealed class TemplateRulesTests
{
    [Fact]
    public void LC_01_the_default_texts_pass_the_publish_check()
    {
        Assert.Empty(TemplateRules.CheckForPublish(CommitmentKind.Learning, "学习承诺书", DefaultTexts.Learning, DefaultTexts.LearningCoverage));
        Assert.Empty(TemplateRules.CheckForPublish(CommitmentKind.Exam, "考试承诺书", DefaultTexts.Exam, DefaultTexts.ExamCoverage));
    }

    [Fact]
    public void LC_01_an_item_pointed_at_a_paragraph_without_its_terms_is_refused()
    {
        var coverage = new Dictionary<string, int>(DefaultTexts.LearningCoverage) { ["no_proxy"] = 2 };
        var problems = TemplateRules.CheckForPublish(CommitmentKind.Learning, "学习承诺书", DefaultTexts.Learning, coverage);
        var p = Assert.Single(problems);
        Assert.Equal("Cover_no_proxy", p.Field);
        Assert.Contains("第 2 段未包含", p.Message);
    }

    [Fact]
    public void LC_01_every_required_item_must_be_assigned()
    {
        var problems = TemplateRules.CheckForPublish(CommitmentKind.Learning, "学习承诺书", DefaultTexts.Learning, new Dictionary<string, int>());
        Assert.Equal(TemplateRules.LearningItems.Count, problems.Count);
    }

    [Theory]
    [InlineData("学员自愿放弃申诉权利。")]
    [InlineData("本人不得对考试成绩提出异议。")]
    [InlineData("因任何原因退出培训的，概不退费。")]
    [InlineData("平台及机构不承担任何责任。")]
    [InlineData("本承诺书免除培训机构的管理责任。")]
    [InlineData("出现任何问题由学员承担一切后果。")]
    [InlineData("本承诺书最终解释权归培训机构所有。")]
    [InlineData("学员须转发课程海报并推荐他人报名。")]
    public void LC_01_forbidden_content_is_refused(string sentence)
    {
        var problems = TemplateRules.CheckForPublish(CommitmentKind.Learning, "学习承诺书", DefaultTexts.Learning + "\n" + sentence, DefaultTexts.LearningCoverage);
        Assert.Contains(problems, p => p.Message.Contains("禁止内容"));
    }

    [Fact]
    public void LC_01_rights_kept_are_not_mistaken_for_rights_waived()
    {
        Assert.Empty(TemplateRules.ForbiddenMatches("本承诺书不影响本人依法享有的投诉、申诉和复核等权利；不免除机构的管理责任。"));
    }

    [Fact]
    public void EC_01_unknown_placeholders_and_sitting_in_learning_are_refused()
    {
        var problems = TemplateRules.CheckForPublish(CommitmentKind.Learning, "学习承诺书", DefaultTexts.Learning + "\n{手机号} {场次}", DefaultTexts.LearningCoverage);
        Assert.Contains(problems, p => p.Message.Contains("{手机号}"));
        Assert.Contains(problems, p => p.Message.Contains("不使用 {场次}"));
    }

    [Fact]
    public void EC_01_exam_template_without_the_appeal_rule_is_refused()
    {
        var body = DefaultTexts.Exam.Replace("异议与复核：对成绩或处理结果有异议的，可在成绩发布后通过平台申诉渠道提出复核申请。", "其他事项按评价机构规定执行。");
        var problems = TemplateRules.CheckForPublish(CommitmentKind.Exam, "考试承诺书", body, DefaultTexts.ExamCoverage);
        Assert.Contains(problems, p => p.Field == "Cover_rule_appeal");
    }

    [Fact]
    public void LC_02_rendering_fills_placeholders_with_the_masked_id_and_beijing_date()
    {
        var text = TemplateRules.Render("  本人{姓名}（{证件号码}）\r\n\r\n参加{项目}。{日期}  ",
            new RenderValues("张三", "110***********002X", "游泳四级", "", new DateTime(2026, 11, 25, 17, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("本人张三（110***********002X）\n参加游泳四级。2026年11月26日", text);
        Assert.Equal(64, TemplateRules.Sha256(text).Length);
    }

    private static string Log(params (string E, long T)[] events) => JsonSerializer.Serialize(events.Select(e => new { e = e.E, t = e.T }));

    [Fact]
    public void LC_02_page_log_must_reach_the_end_before_the_box_is_ticked()
    {
        Assert.NotNull(OperationLog.Validate(Log(("opened", 1000), ("scrolled_end", 5000), ("checked", 6000), ("submitted", 7000))).Events);
        Assert.Contains("滚动至正文末尾", OperationLog.Validate(Log(("opened", 1000), ("checked", 6000))).Problem);
        Assert.Contains("勾选", OperationLog.Validate(Log(("opened", 1000), ("checked", 2000), ("scrolled_end", 5000))).Problem);
        Assert.Contains("勾选", OperationLog.Validate(Log(("opened", 1000), ("scrolled_end", 5000), ("checked", 6000), ("unchecked", 6500))).Problem);
        Assert.Contains("滚动至正文末尾", OperationLog.Validate(Log(("opened", 9000), ("scrolled_end", 5000), ("checked", 9500))).Problem);
        Assert.NotNull(OperationLog.Validate("not json").Problem);
        Assert.NotNull(OperationLog.Validate(Log(("hacked", 1000))).Problem);
        Assert.NotNull(OperationLog.Validate(null).Problem);
    }

    [Fact]
    public void LC_02_one_time_codes_are_six_digits_hashed_with_a_salt()
    {
        var code = OneTimeCodes.NewCode();
        Assert.Matches("^[0-9]{6}$", code);
        var salt = OneTimeCodes.NewSalt();
        var hash = OneTimeCodes.Hash(code, salt);
        Assert.DoesNotContain(code, hash);
        Assert.True(OneTimeCodes.Matches(code, salt, hash));
        Assert.False(OneTimeCodes.Matches(code, OneTimeCodes.NewSalt(), hash));
        Assert.False(OneTimeCodes.Matches("12345", salt, hash));
        Assert.False(OneTimeCodes.Matches("abcdef", salt, hash));
    }
}

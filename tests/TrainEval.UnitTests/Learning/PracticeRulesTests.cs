using MiniExcelLibs;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Practice.ManageQuestions;

namespace TrainEval.UnitTests.Learning;

/// <summary>Question validation, grading, knowledge-point matching, the draw, timed self-tests and the Excel import (PRC-01).</summary>
public sealed class PracticeRulesTests
{
    private static QuestionDraft Draft(QuestionKind? kind, string answer, params string[] options)
        => new("3.3 心肺复苏", kind, "成人胸外按压的频率应为每分钟多少次？", options, answer, "按现行指南为每分钟 100～120 次。");

    [Theory]
    [InlineData("AC", true)]
    [InlineData("CA", true)]
    [InlineData("A", false)]
    [InlineData("ACD", false)]
    [InlineData("", false)]
    public void PRC_01_multiple_choice_scores_only_the_exact_set(string raw, bool correct)
    {
        var (valid, errors) = QuestionRules.Validate(Draft(QuestionKind.Multiple, "C,A", "甲", "乙", "丙", "丁"));
        Assert.Empty(errors);
        Assert.Equal("AC", valid!.AnswerKey);
        var given = QuestionRules.NormalizeGiven(QuestionKind.Multiple, 4, raw.Select(c => c.ToString()));
        Assert.NotNull(given);
        Assert.Equal(correct, QuestionRules.IsCorrect(valid.AnswerKey, given));
    }

    [Fact]
    public void PRC_01_single_choice_and_true_false_are_graded_exactly()
    {
        Assert.True(QuestionRules.IsCorrect("B", QuestionRules.NormalizeGiven(QuestionKind.Single, 4, ["B"])!));
        Assert.False(QuestionRules.IsCorrect("B", QuestionRules.NormalizeGiven(QuestionKind.Single, 4, ["C"])!));
        Assert.True(QuestionRules.IsCorrect("F", QuestionRules.NormalizeGiven(QuestionKind.TrueFalse, 0, ["F"])!));
        Assert.False(QuestionRules.IsCorrect("T", QuestionRules.NormalizeGiven(QuestionKind.TrueFalse, 0, [])!));   // blank is wrong
    }

    [Theory]
    [InlineData(QuestionKind.Single, 4, new[] { "A", "B" })]        // two letters for a single choice
    [InlineData(QuestionKind.Single, 3, new[] { "D" })]             // beyond the options
    [InlineData(QuestionKind.Multiple, 4, new[] { "A", "A" })]      // repeated
    [InlineData(QuestionKind.Multiple, 4, new[] { "Z" })]
    [InlineData(QuestionKind.TrueFalse, 0, new[] { "对" })]          // the form posts T/F only
    [InlineData(QuestionKind.TrueFalse, 0, new[] { "T", "F" })]
    public void PRC_01_impossible_answers_are_refused(QuestionKind kind, int options, string[] values)
        => Assert.Null(QuestionRules.NormalizeGiven(kind, options, values));

    [Theory]
    [InlineData(QuestionKind.Single, "B", new[] { "甲", "乙" }, null)]
    [InlineData(QuestionKind.Single, "B", new[] { "甲" }, "Options")]                                   // fewer than 2 options
    [InlineData(QuestionKind.Single, "B", new[] { "1", "2", "3", "4", "5", "6", "7" }, "Options")]     // more than 6
    [InlineData(QuestionKind.Single, "B", new[] { "甲", "", "丙" }, "Options")]                          // gap
    [InlineData(QuestionKind.Single, "B", new[] { "甲", "甲" }, "Options")]                              // duplicate option
    [InlineData(QuestionKind.Single, "AB", new[] { "甲", "乙" }, "Answer")]                              // two answers
    [InlineData(QuestionKind.Single, "C", new[] { "甲", "乙" }, "Answer")]                               // no option C
    [InlineData(QuestionKind.Single, "", new[] { "甲", "乙" }, "Answer")]
    [InlineData(QuestionKind.Multiple, "A", new[] { "甲", "乙", "丙" }, "Answer")]                       // fewer than 2 correct
    [InlineData(QuestionKind.Multiple, "ABC", new[] { "甲", "乙", "丙" }, null)]
    [InlineData(QuestionKind.Multiple, "AAB", new[] { "甲", "乙", "丙" }, "Answer")]
    [InlineData(QuestionKind.TrueFalse, "对", new string[0], null)]
    [InlineData(QuestionKind.TrueFalse, "×", new string[0], null)]
    [InlineData(QuestionKind.TrueFalse, "A", new string[0], "Answer")]
    [InlineData(QuestionKind.TrueFalse, "对", new[] { "对", "错" }, "Options")]
    [InlineData(null, "A", new[] { "甲", "乙" }, "Kind")]
    public void PRC_01_answer_key_validation(QuestionKind? kind, string answer, string[] options, string? errorField)
    {
        var (valid, errors) = QuestionRules.Validate(Draft(kind, answer, options));
        if (errorField is null)
        {
            Assert.Empty(errors);
            Assert.NotNull(valid);
        }
        else
        {
            Assert.Null(valid);
            Assert.Contains(errorField, errors.Keys);
        }
    }

    [Fact]
    public void PRC_01_every_question_needs_a_stem_a_knowledge_point_and_an_explanation()
    {
        var (valid, errors) = QuestionRules.Validate(new QuestionDraft(" ", QuestionKind.TrueFalse, "", [], "对", ""));
        Assert.Null(valid);
        Assert.Equal(["Explanation", "KnowledgePoint", "Stem"], errors.Keys.Order());
        Assert.Contains("Stem", QuestionRules.Validate(new QuestionDraft("1.1 职业守则", QuestionKind.TrueFalse, "<script>", [], "对", "解析")).Errors.Keys);
    }

    [Theory]
    [InlineData("3.2 岸上与水中救护", "3.1 溺水识别；3.2 岸上与水中救护", true)]
    [InlineData("3.2.1 递竿救援", "3.2 岸上救护", true)]            // below the section's code
    [InlineData("3.21 其他", "3.2 岸上救护", false)]
    [InlineData("3 水上安全", "3.2 岸上救护", false)]
    [InlineData("3.2 岸上救护", "3 水上安全与救护", true)]
    [InlineData("3.3 心肺复苏", "溺水识别、心肺复苏", true)]          // names when the list has no codes
    [InlineData("心肺复苏", "3.3 心肺复苏", true)]
    [InlineData("4.1 心肺复苏", "3.3 心肺复苏", false)]               // both coded: the code decides
    [InlineData("心肺复苏", "溺水识别", false)]
    [InlineData("技术要领", "", false)]
    public void PRC_01_stage_test_knowledge_point_matching(string question, string section, bool belongs)
        => Assert.Equal(belongs, KnowledgePointMatch.BelongsTo(question, section));

    [Fact]
    public void PRC_01_draw_takes_distinct_questions_of_the_pool()
    {
        var pool = Enumerable.Range(0, 30).ToList();
        for (var i = 0; i < 50; i++)
        {
            var drawn = PracticeRules.Draw(pool, 10);
            Assert.Equal(10, drawn.Count);
            Assert.Equal(10, drawn.Distinct().Count());
            Assert.All(drawn, d => Assert.Contains(d, pool));
        }
        Assert.Equal(3, PracticeRules.Draw([1, 2, 3], 10).Count);
        Assert.Empty(PracticeRules.Draw<int>([], 10));
        // Not always the same order (30! permutations; identical 10-draws twice in a row is practically impossible).
        Assert.NotEqual(PracticeRules.Draw(pool, 10), PracticeRules.Draw(pool, 10));
    }

    [Fact]
    public void PRC_01_self_test_submitted_after_limit_and_grace_never_passes()
    {
        var start = new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);
        PracticeAttempt Round() => PracticeAttempt.Start(Guid.NewGuid(), Guid.NewGuid(), PracticeMode.SelfTest, Guid.NewGuid(),
            PracticeAttempt.SelfTestScope(600, "3.3 心肺复苏"), [Guid.NewGuid(), Guid.NewGuid()], 60, start);

        var onTime = Round();
        Assert.Equal(600, onTime.TimeLimitSeconds());
        onTime.SubmitTimed(2, 2, start.AddSeconds(600 + PracticeAttempt.SelfTestGraceSeconds));   // last second of grace
        Assert.True(onTime.Passed);
        Assert.False(onTime.IsLate(onTime.SubmittedAtUtc!.Value));

        var late = Round();
        late.SubmitTimed(2, 2, start.AddSeconds(600 + PracticeAttempt.SelfTestGraceSeconds + 1));
        Assert.Equal(100, late.ScorePercent);
        Assert.False(late.Passed);
        Assert.True(late.IsLate(late.SubmittedAtUtc!.Value));

        var failed = Round();
        failed.SubmitTimed(2, 1, start.AddMinutes(1));
        Assert.Equal(50, failed.ScorePercent);
        Assert.False(failed.Passed);

        var practice = PracticeAttempt.Start(Guid.NewGuid(), Guid.NewGuid(), PracticeMode.Special, null, "3.3 心肺复苏", [Guid.NewGuid()], 0, start);
        Assert.Null(practice.SubmitDeadlineUtc());
        practice.SubmitTimed(1, 0, start.AddDays(2));
        Assert.False(practice.IsLate(start.AddDays(2)));
    }

    // ---------- Excel import ----------

    private static byte[] Workbook(params object[][] rows)
    {
        var table = new System.Data.DataTable();
        foreach (var c in QuestionImport.Columns) table.Columns.Add(c, typeof(string));
        foreach (var r in rows) table.Rows.Add(r.Concat(Enumerable.Repeat((object)"", QuestionImport.Columns.Count - r.Length)).ToArray());
        using var s = new MemoryStream();
        s.SaveAs(table, excelType: ExcelType.XLSX);
        return s.ToArray();
    }

    private static object[] Row(string kp, string kind, string stem, string a, string b, string c, string d, string answer, string explanation)
        => [kp, kind, stem, a, b, c, d, "", "", answer, explanation];

    [Fact]
    public void PRC_01_import_reads_every_kind()
    {
        var file = Workbook(
            Row("3.3 心肺复苏", "单选", "成人按压频率？", "60～80", "100～120", "", "", "B", "100～120 次/分。"),
            Row("3.1 溺水识别", "多选题", "溺水迹象？", "说笑", "眼神呆滞", "身体直立", "", "BC", "本能溺水反应。"),
            Row("4.2 开放管理", "判断", "救生员可以离岗接电话。", "", "", "", "", "错", "须在岗。"));
        Assert.Null(QuestionImport.CheckFile(file));
        var reading = QuestionImport.Read(file);
        Assert.Empty(reading.Errors);
        Assert.Equal([2, 3, 4], reading.Questions.Select(q => q.Row));
        Assert.Equal(["B", "BC", "F"], reading.Questions.Select(q => q.Question.AnswerKey));
        Assert.Equal(QuestionKind.Multiple, reading.Questions[1].Question.Kind);
        Assert.Equal(["说笑", "眼神呆滞", "身体直立"], reading.Questions[1].Question.Options);
    }

    [Fact]
    public void PRC_01_import_reports_every_bad_row_by_number()
    {
        var file = Workbook(
            Row("3.3 心肺复苏", "单选", "成人按压频率？", "60～80", "100～120", "", "", "B", "解析"),
            Row("3.3 心肺复苏", "填空", "按压深度？", "", "", "", "", "5", "解析"),
            Row("3.3 心肺复苏", "多选", "正确的有？", "甲", "乙", "丙", "", "A", "解析"),
            Row("", "", "", "", "", "", "", "", ""),
            Row("3.3 心肺复苏", "判断", "按压越浅越好。", "", "", "", "", "错", ""),
            Row("3.3 心肺复苏", "单选", "成人按压频率？", "60～80", "100～120", "", "", "B", "重复"));
        var reading = QuestionImport.Read(file);
        Assert.Contains("第 3 行：题型“填空”无效，须为 单选、多选 或 判断。", reading.Errors);
        Assert.Contains(reading.Errors, e => e.StartsWith("第 4 行：多选题至少要有两个正确答案", StringComparison.Ordinal));
        Assert.Contains(reading.Errors, e => e.StartsWith("第 6 行：请填写解析", StringComparison.Ordinal));
        Assert.Contains("第 7 行：与第 2 行是同一知识点下的同一题干（重复）。", reading.Errors);
        Assert.DoesNotContain(reading.Errors, e => e.StartsWith("第 5 行", StringComparison.Ordinal));   // blank row skipped
        Assert.Equal(4, reading.Errors.Count);
    }

    [Fact]
    public void PRC_01_import_refuses_files_that_are_not_workbooks()
    {
        Assert.NotNull(QuestionImport.CheckFile([]));
        Assert.NotNull(QuestionImport.CheckFile("知识点,题型\n"u8.ToArray()));
        Assert.NotNull(QuestionImport.CheckFile([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]));          // ZIP signature, broken archive
        using var zip = new MemoryStream();
        using (var a = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, true))
            using (var w = new StreamWriter(a.CreateEntry("word/document.xml").Open())) w.Write("<x/>");
        Assert.Equal("不是有效的 Excel 工作簿（.xlsx）。", QuestionImport.CheckFile(zip.ToArray()));
        var wrongColumns = new MemoryStream();
        wrongColumns.SaveAs(new[] { new { 题目 = "x", 答案 = "A" } }, excelType: ExcelType.XLSX);
        var reading = QuestionImport.Read(wrongColumns.ToArray());
        Assert.Single(reading.Errors);
        Assert.StartsWith("第 1 行缺少列：知识点、题型、题干、选项A、选项B、解析", reading.Errors[0]);
    }

    [Fact]
    public void PRC_01_template_has_the_columns_and_imports_nothing_by_itself()
    {
        var template = QuestionImport.Template();
        Assert.Null(QuestionImport.CheckFile(template));
        var reading = QuestionImport.Read(template);
        Assert.Empty(reading.Questions);
        Assert.Equal(["文件中没有题目：请从第 2 行起每行填写一道题。"], reading.Errors);
        using var s = new MemoryStream(template);
        Assert.Equal(["题目", "填写说明"], s.GetSheetNames());
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Accounts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Modules.Learning.Practice.ManageQuestions;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using static TrainEval.IntegrationTests.Learning.PracticeTestData;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>The teachers' practice question bank: add, validate, edit by replacement, archive, Excel import, access (PRC-01).</summary>
public sealed class PracticeBankTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public PracticeBankTests(TestAppFixture fixture) => app = fixture.App;

    private async Task<HttpClient> TeacherAsync()
    {
        var c = app.Browser();
        EnrollmentFlow.Redirects(await c.LoginAsync("train.teacher"));
        return c;
    }

    private static string BankUrl(Guid courseId) => $"/workbench/courses/{courseId}/questions";

    private static Dictionary<string, string> Question(string kp, string kind, string stem, string answer, string explanation = "解析：依据教学规范。", params string[] options)
    {
        var d = new Dictionary<string, string>
        {
            ["Input.KnowledgePoint"] = kp, ["Input.Kind"] = kind, ["Input.Stem"] = stem, ["Input.Answer"] = answer, ["Input.Explanation"] = explanation,
        };
        for (var i = 0; i < options.Length; i++) d[$"Input.Option{"ABCDEF"[i]}"] = options[i];
        return d;
    }

    private Task<List<PracticeQuestion>> BankAsync(Guid courseId, string kp)
        => app.WithDbAsync(db => db.Set<PracticeQuestion>().AsNoTracking().Where(q => q.CourseId == courseId && q.KnowledgePoint == kp).OrderBy(q => q.CreatedAtUtc).ToListAsync());

    private Task<(int Questions, int Audits)> CountsAsync()
        => app.WithDbAsync(async db => (await db.Set<PracticeQuestion>().CountAsync(), await db.Set<AuditEntry>().CountAsync()));

    [Fact]
    public async Task PRC_01_teacher_adds_each_question_kind()
    {
        var course = await CourseAsync(app);
        var c = await TeacherAsync();
        const string Kp = "9.1 添加测试";
        var page = await c.GetAsync(BankUrl(course.Id));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"question-form\"", await page.Content.ReadAsStringAsync());

        EnrollmentFlow.Redirects(await c.PostFormAsync(BankUrl(course.Id), Question(Kp, "Single", "成人胸外按压频率为每分钟多少次？", "c", "指南要求 100～120 次/分。",
            "60～80 次", "80～100 次", "100～120 次", "120～140 次"), "Add"));
        EnrollmentFlow.Redirects(await c.PostFormAsync(BankUrl(course.Id), Question(Kp, "Multiple", "溺水的典型表现有哪些？", "B, D", "本能溺水反应。",
            "大声呼救", "头后仰、口在水面起伏", "用力挥手", "身体直立"), "Add"));
        EnrollmentFlow.Redirects(await c.PostFormAsync(BankUrl(course.Id), Question(Kp, "TrueFalse", "控水可以排出肺内积水，应优先进行。", "×", "不主张控水，应立即心肺复苏。"), "Add"));

        var bank = await BankAsync(course.Id, Kp);
        Assert.Equal([QuestionKind.Single, QuestionKind.Multiple, QuestionKind.TrueFalse], bank.Select(q => q.Kind));
        Assert.Equal(["C", "BD", "F"], bank.Select(q => q.AnswerKey));
        Assert.Equal(["大声呼救", "头后仰、口在水面起伏", "用力挥手", "身体直立"], bank[1].Options());
        Assert.Equal("[]", bank[2].OptionsJson);
        Assert.All(bank, q => Assert.Null(q.ArchivedAtUtc));
        var audits = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "practice.question.added"));
        Assert.True(audits >= 3);

        var html = await c.GetStringAsync(BankUrl(course.Id) + "?kp=" + Uri.EscapeDataString(Kp));
        Assert.Contains($"data-kp=\"{Kp}\" data-total=\"3\"", html);
        Assert.Equal(3, html.Split("data-testid=\"bank-question\"").Length - 1);
        var onlyTf = await c.GetStringAsync(BankUrl(course.Id) + "?kind=TrueFalse&kp=" + Uri.EscapeDataString(Kp));
        Assert.Equal(1, onlyTf.Split("data-testid=\"bank-question\"").Length - 1);

        // The teacher's list of banks links the course (reached from the workbench tile).
        Assert.Contains("data-testid=\"tile-practice-banks\"", await c.GetStringAsync("/workbench"));
        Assert.Contains($"href=\"{BankUrl(course.Id)}\"", await c.GetStringAsync("/workbench/practice-banks"));
    }

    [Fact]
    public async Task PRC_01_invalid_questions_are_refused_and_change_nothing()
    {
        var course = await CourseAsync(app);
        var c = await TeacherAsync();
        const string Kp = "9.2 校验测试";
        EnrollmentFlow.Redirects(await c.PostFormAsync(BankUrl(course.Id), Question(Kp, "Single", "已有的题干", "A", "解析", "甲", "乙"), "Add"));
        var before = await CountsAsync();
        var cases = new (Dictionary<string, string> Form, string Message)[]
        {
            (Question(Kp, "Single", "只有一个选项？", "A", "解析", "甲"), "须有 2～6 个选项"),
            (Question(Kp, "Single", "答案两个？", "AB", "解析", "甲", "乙"), "单选题只能有一个正确答案"),
            (Question(Kp, "Multiple", "多选只有一个答案？", "A", "解析", "甲", "乙", "丙"), "多选题至少要有两个正确答案"),
            (Question(Kp, "Multiple", "答案超出选项？", "AD", "解析", "甲", "乙", "丙"), "含有不存在的选项"),
            (Question(Kp, "TrueFalse", "判断题答案？", "也许", "解析"), "判断题的答案须为"),
            (Question(Kp, "Single", "没有解析？", "A", "", "甲", "乙"), "请填写解析"),
            (Question("", "Single", "没有知识点？", "A", "解析", "甲", "乙"), "请填写知识点"),
            (Question(Kp, "Single", "选项<b>加粗</b>", "A", "解析", "甲", "乙"), "不能包含尖括号"),
            (Question(Kp, "Single", "已有的题干", "B", "解析", "丙", "丁"), "已有相同题干"),
        };
        foreach (var (form, message) in cases)
        {
            var r = await c.PostFormAsync(BankUrl(course.Id), form, "Add");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Contains(message, await r.Content.ReadAsStringAsync());
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task PRC_01_edit_archives_the_old_question_and_answers_keep_pointing_at_it()
    {
        var course = await CourseAsync(app);
        var c = await TeacherAsync();
        const string Kp = "9.3 修改测试";
        EnrollmentFlow.Redirects(await c.PostFormAsync(BankUrl(course.Id), Question(Kp, "Single", "标准长池的长度是？", "B", "长池 50 米。", "25 米", "50 米"), "Add"));
        var original = Assert.Single(await BankAsync(course.Id, Kp));
        // A learner answered it before the change.
        var answerId = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var attempt = PracticeAttempt.Start(Guid.NewGuid(), course.Id, PracticeMode.Special, null, Kp, [original.Id], 0, now);
            var answer = PracticeAnswer.Create(attempt.Id, attempt.LearnerId, original.Id, Kp, "A", false, now);
            attempt.Submit(1, 0, now);
            db.AddRange(attempt, answer);
            await db.SaveChangesAsync();
            return answer.Id;
        });

        var editUrl = $"{BankUrl(course.Id)}/{original.Id}/edit";
        var form = await c.GetStringAsync(editUrl);
        Assert.Contains("标准长池的长度是？", form);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var unchanged = await c.PostFormAsync(editUrl, Question(Kp, "Single", "标准长池的长度是？", "B", "长池 50 米。", "25 米", "50 米"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unchanged.StatusCode);
        EnrollmentFlow.Redirects(await c.PostFormAsync(editUrl, Question(Kp, "Single", "奥运会标准游泳池（长池）的长度是？", "C", "长池 50 米，短池 25 米。",
            "25 米", "33 米", "50 米")));

        var bank = await BankAsync(course.Id, Kp);
        Assert.Equal(2, bank.Count);
        Assert.NotNull(bank.Single(q => q.Id == original.Id).ArchivedAtUtc);
        var replacement = bank.Single(q => q.Id != original.Id);
        Assert.Equal(("C", null), (replacement.AnswerKey, replacement.ArchivedAtUtc));
        Assert.Equal(original.Id, await app.WithDbAsync(db => db.Set<PracticeAnswer>().Where(a => a.Id == answerId).Select(a => a.QuestionId).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "practice.question.replaced" && a.SubjectId == original.Id.ToString())));
        // The archived question cannot be edited again.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await c.PostFormAsync(editUrl, Question(Kp, "Single", "又改", "A", "解析", "甲", "乙"))).StatusCode);

        // Archive: gone from practice, kept in the bank's archive view.
        EnrollmentFlow.Redirects(await c.PostFormAsync(BankUrl(course.Id), new Dictionary<string, string> { ["QuestionId"] = replacement.Id.ToString() }, "Archive"));
        Assert.NotNull((await BankAsync(course.Id, Kp)).Single(q => q.Id == replacement.Id).ArchivedAtUtc);
        var archivedView = await c.GetStringAsync(BankUrl(course.Id) + "?archived=true&kp=" + Uri.EscapeDataString(Kp));
        Assert.Equal(2, archivedView.Split("data-testid=\"bank-question\"").Length - 1);
    }

    private static byte[] Workbook(params string[][] rows)
    {
        var table = new System.Data.DataTable();
        foreach (var col in QuestionImport.Columns) table.Columns.Add(col, typeof(string));
        foreach (var r in rows) table.Rows.Add(r.Concat(Enumerable.Repeat("", QuestionImport.Columns.Count - r.Length)).Cast<object>().ToArray());
        using var s = new MemoryStream();
        s.SaveAs(table, excelType: ExcelType.XLSX);
        return s.ToArray();
    }

    private static string[] Row(string kp, string kind, string stem, string answer, string explanation, params string[] options)
        => [kp, kind, stem, .. options, .. Enumerable.Repeat("", 6 - options.Length), answer, explanation];

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient c, Guid courseId, byte[] file, string name = "questions.xlsx")
    {
        var page = await c.GetStringAsync(BankUrl(courseId));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "Upload", name },
        };
        return await c.PostAsync(BankUrl(courseId) + "?handler=Import", form);
    }

    [Fact]
    public async Task PRC_01_excel_import_is_all_or_nothing_with_row_numbers()
    {
        var course = await CourseAsync(app);
        var c = await TeacherAsync();
        const string Kp = "9.4 导入测试";
        var examBanks = await app.WithDbAsync(db => db.Set<QuestionBank>().CountAsync());

        var template = await c.GetAsync(BankUrl(course.Id) + "?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType?.MediaType);
        Assert.Null(QuestionImport.CheckFile(await template.Content.ReadAsByteArrayAsync()));

        var good = new[]
        {
            Row(Kp, "单选", "导入单选题？", "B", "解析一", "甲", "乙", "丙"),
            Row(Kp, "多选", "导入多选题？", "AC", "解析二", "甲", "乙", "丙", "丁"),
            Row(Kp, "判断", "导入判断题。", "对", "解析三"),
        };
        var before = await CountsAsync();
        var bad = await UploadAsync(c, course.Id, Workbook([.. good, Row(Kp, "单选", "坏行", "E", "解析", "甲", "乙"), Row(Kp, "判断", "", "错", "")]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("第 5 行：答案 E 含有不存在的选项", html);
        Assert.Contains("第 6 行：请填写题干。", html);
        Assert.Contains("第 6 行：请填写解析", html);
        Assert.Equal(before, await CountsAsync());

        var notExcel = await UploadAsync(c, course.Id, EnrollmentFlow.Png(), "questions.xlsx");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notExcel.StatusCode);
        Assert.Contains("只接受 Excel 工作簿", await notExcel.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountsAsync());

        EnrollmentFlow.Redirects(await UploadAsync(c, course.Id, Workbook(good)));
        var bank = await BankAsync(course.Id, Kp);
        Assert.Equal(["AC", "B", "T"], bank.Select(q => q.AnswerKey).Order());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "practice.questions.imported")));

        // The same file again: every row is a duplicate, nothing is imported.
        var again = await UploadAsync(c, course.Id, Workbook(good));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("第 2 行：题库中该知识点下已有相同题干的题目。", await again.Content.ReadAsStringAsync());
        Assert.Equal(3, (await BankAsync(course.Id, Kp)).Count);

        // Practice questions never touch the evaluation institution's exam banks.
        Assert.Equal(examBanks, await app.WithDbAsync(db => db.Set<QuestionBank>().CountAsync()));
    }

    [Fact]
    public async Task PRC_01_learners_and_staff_of_other_institutions_are_refused()
    {
        var course = await CourseAsync(app);
        var url = BankUrl(course.Id);
        foreach (var login in new[] { "learner1", "eval.admin", "train.finance" })
        {
            var c = app.Browser();
            EnrollmentFlow.Redirects(await c.LoginAsync(login));
            var r = await c.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/Accounts/AccessDenied", r.Headers.Location?.OriginalString);
        }

        // A teacher of another training institution: the course is not theirs.
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var other = Institution.Create(InstitutionKind.Training, "示例第三游泳培训学校", "52440106MJL00999X", "广州市天河区 3 号", "林一", "林二",
                "020-88882222", "广东省广州市", now);
            db.Add(other);
            var user = await db.Set<AppUser>().Where(u => u.UserName == "learner3").Select(u => u.Id).SingleAsync();
            db.Add(RoleGrant.Create(user, Roles.Teacher, other.Id, null, null, now));
            return await db.SaveChangesAsync();
        });
        var outsider = app.Browser();
        EnrollmentFlow.Redirects(await outsider.LoginAsync("learner3"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url + "?handler=Template")).StatusCode);
        Assert.DoesNotContain(course.Id.ToString(), await outsider.GetStringAsync("/workbench/practice-banks"));
        var before = await CountsAsync();
        var token = Forms.Token(await outsider.GetStringAsync("/workbench/practice-banks"));
        var add = await outsider.PostAsync(url + "?handler=Add", new FormUrlEncodedContent(
            new Dictionary<string, string>(Question("9.5 越权", "Single", "越权添加？", "A", "解析", "甲", "乙")) { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        var someQuestion = await app.WithDbAsync(db => db.Set<PracticeQuestion>().Where(q => q.CourseId == course.Id).Select(q => (Guid?)q.Id).FirstOrDefaultAsync());
        if (someQuestion is { } qid)
        {
            var archive = await outsider.PostAsync(url + "?handler=Archive", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["QuestionId"] = qid.ToString() }));
            Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        }
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PracticeQuestion>().CountAsync(q => q.ArchivedAtUtc != null && q.KnowledgePoint == "9.5 越权")));
    }
}

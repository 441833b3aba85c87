using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Exams.Review;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Platform.Data;
using static TrainEval.IntegrationTests.Exams.ExamFlow;

namespace TrainEval.IntegrationTests.Exams;

/// <summary>Post-exam review and results (PER-01/02), the journey's exam steps, BAT-10 and voiding by violations (VIO-01).</summary>
public sealed class ExamReviewTests(ExamsFixture f) : IClassFixture<ExamsFixture>
{
    private TestApp App => f.App;

    /// <summary>A candidate who sat and submitted (answers: all wrong except the first), past the sitting's end.</summary>
    private async Task<(Candidate C, Guid Sitting, Guid Attempt)> SubmittedAsync(string seq)
    {
        var c = await ReadyLearnerAsync(App, seq);
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 30, windowMinutes: 40, minSubmit: 0);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(f, c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, sitting);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, e.Questions[0].Question, 1, [0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);
        return (c, sitting, e.AttemptId);
    }

    private Task<HttpResponseMessage> DecideAsync(HttpClient staff, Guid sitting, Guid attempt, string outcome, string reason, string? corrected = null)
    {
        var fields = new Dictionary<string, string> { ["AttemptId"] = attempt.ToString(), ["Outcome"] = outcome, ["Reason"] = reason, ["Basis"] = "身份核验记录与考试日志", ["NextStep"] = "" };
        if (corrected is not null) fields["CorrectedScore"] = corrected;
        return staff.PostFormAsync($"/workbench/exams/sittings/{sitting}/review", fields, "Decide");
    }

    [Fact]
    public async Task PER_02_result_reaches_the_learner_only_when_published_with_reason_and_basis()
    {
        var (c, sitting, attempt) = await SubmittedAsync("971");
        var door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("待复核", door);
        Assert.DoesNotContain("result-score", door);
        var journey = await c.Client.GetStringAsync($"/api/v1/journey/{c.ProjectId}");
        Assert.Contains("\"key\":\"exam\",\"title\":\"参加考试\",\"state\":\"done\"", journey);
        Assert.Contains("\"key\":\"result_review\",\"title\":\"考后复核与成绩确认\",\"state\":\"current\"", journey);

        var staff = await f.StaffAsync();
        var queue = await staff.GetStringAsync($"/workbench/exams/sittings/{sitting}/review");
        Assert.Contains(attempt.ToString(), queue);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, sitting, attempt, "Confirm", "")).StatusCode);   // a reason is required
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, sitting, attempt, "Confirm", "身份核验与考试记录无异常")).StatusCode);

        door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("result-score", door);
        Assert.Contains("身份核验与考试记录无异常", door);
        var a = await AttemptAsync(App, attempt);
        Assert.Equal(ResultState.Published, a.ResultState);
        Assert.True(await App.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == c.LearnerId && m.Title == "考试成绩已发布")));
    }

    [Fact]
    public async Task PER_02_correction_keeps_the_original_and_hold_and_cancel_keep_the_score_hidden()
    {
        var (c, sitting, attempt) = await SubmittedAsync("972");
        var staff = await f.StaffAsync();
        var original = (await AttemptAsync(App, attempt)).Score;
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, sitting, attempt, "Hold", "监考记录待核实")).StatusCode);
        Assert.DoesNotContain("result-score", await c.Client.GetStringAsync($"/my/exams/{sitting}"));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, sitting, attempt, "Correct", "判分数据错误", "999")).StatusCode);   // beyond the maximum
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, sitting, attempt, "Correct", "第 3 题答案键录入错误", "62.5")).StatusCode);
        var a = await AttemptAsync(App, attempt);
        Assert.Equal(62.5m, a.Score);
        Assert.True(a.Passed);
        var reviews = await App.WithDbAsync(db => db.Set<AttemptReview>().Where(r => r.AttemptId == attempt).OrderBy(r => r.AtUtc).ToListAsync());
        Assert.Equal([ReviewOutcome.Hold, ReviewOutcome.Correct], reviews.Select(r => r.Outcome));
        Assert.Equal(original, reviews[1].OriginalScore);
        Assert.Equal(62.5m, reviews[1].CorrectedScore);
        var door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("原分数", door);

        // Appeal: recorded with the case, answered by staff.
        var appeal = await c.Client.PostFormAsync($"/my/exams/{sitting}", new Dictionary<string, string> { ["AppealText"] = "对第 5 题判分有异议" }, "Appeal");
        Assert.Equal(HttpStatusCode.Redirect, appeal.StatusCode);
        var second = await c.Client.PostFormAsync($"/my/exams/{sitting}", new Dictionary<string, string> { ["AppealText"] = "再次申诉" }, "Appeal");
        Assert.Contains("待处理的申诉", await second.Content.ReadAsStringAsync());
        var appealId = await App.WithDbAsync(db => db.Set<ResultAppeal>().Where(x => x.AttemptId == attempt).Select(x => x.Id).SingleAsync());
        var reply = await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}/review", new Dictionary<string, string> { ["AppealId"] = appealId.ToString(), ["Reply"] = "经复核，第 5 题判分无误" }, "Reply");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Contains("经复核，第 5 题判分无误", await c.Client.GetStringAsync($"/my/exams/{sitting}"));
    }

    [Fact]
    public async Task PER_02_cancelled_score_is_final_for_review_and_the_journey_says_so()
    {
        var (c, sitting, attempt) = await SubmittedAsync("973");
        var staff = await f.StaffAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, sitting, attempt, "Cancel", "核验照片与本人不符，冒名顶替")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(staff, sitting, attempt, "Confirm", "改为确认")).StatusCode);
        Assert.Equal(ResultState.Cancelled, (await AttemptAsync(App, attempt)).ResultState);
        var door = await c.Client.GetStringAsync($"/my/exams/{sitting}");
        Assert.Contains("冒名顶替", door);
        Assert.DoesNotContain("result-score", door);
    }

    [Fact]
    public async Task VIO_01_voiding_through_the_exams_api_cancels_this_sitting_or_the_whole_batch()
    {
        var c = await ReadyLearnerAsync(App, "974");
        var staff = await f.StaffAsync();
        var theory = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), batch: "2026年第9批", subject: "理论知识");
        var skills = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), batch: "2026年第9批", subject: "操作技能");
        var other = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), batch: "2026年第10批", subject: "理论知识");
        foreach (var s in new[] { theory, skills, other })
        {
            await AddAsync(staff, s, c);
            await PrepareAsync(staff, s);
        }
        async Task<int> VoidAsync(Guid sitting, bool whole)
        {
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var n = await scope.ServiceProvider.GetRequiredService<IExamsApi>().StageVoidResultsAsync(c.LearnerId, sitting, whole, "夹带资料", Guid.NewGuid(), CancellationToken.None);
            await db.SaveChangesAsync();
            return n;
        }
        Assert.Equal(1, await VoidAsync(theory, whole: false));
        Assert.Equal(ResultState.Pending, await App.WithDbAsync(db => db.Set<ExamAttempt>().Where(a => a.SittingId == skills && a.LearnerId == c.LearnerId).Select(a => a.ResultState).SingleAsync()));
        Assert.Equal(1, await VoidAsync(skills, whole: true));            // theory already void; skills now too; the other batch untouched
        var states = await App.WithDbAsync(db => db.Set<ExamAttempt>().Where(a => a.LearnerId == c.LearnerId).ToDictionaryAsync(a => a.SittingId, a => a.ResultState));
        Assert.Equal(ResultState.Cancelled, states[theory]);
        Assert.Equal(ResultState.Cancelled, states[skills]);
        Assert.Equal(ResultState.Pending, states[other]);
    }

    [Fact]
    public async Task BAT_10_training_staff_cannot_reach_exam_banks_sittings_or_reviews()
    {
        var teacher = App.Browser();
        await teacher.LoginAsync("train.admin");
        foreach (var url in new[] { "/workbench/exams/bank", "/workbench/exams", $"/workbench/exams/sittings/{Guid.NewGuid()}/review" })
        {
            var r = await teacher.GetAsync(url);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, url);
            if (r.StatusCode == HttpStatusCode.Redirect) Assert.Contains("AccessDenied", r.Headers.Location!.OriginalString);
        }
        var staff = await f.StaffAsync();
        var bank = await staff.GetStringAsync("/workbench/exams/bank");
        Assert.Contains("社会体育指导员（游泳）四级 理论知识试卷（A）", bank);
    }

    [Fact]
    public async Task EXM_05_examiner_scores_practical_items_blind_and_the_total_follows_the_latest_score()
    {
        var c = await ReadyLearnerAsync(App, "966");
        var staff = await f.StaffAsync();
        // A fixed paper of the demo bank: one single-choice item (10 points) and one practical item (90 points), pass mark 60.
        var demoPaper = await DemoPaperAsync(App);
        var (paperId, practicalId) = await App.WithDbAsync(async db =>
        {
            var demo = await db.Set<ExamPaper>().AsNoTracking().SingleAsync(p => p.Id == demoPaper);
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var single = await db.Set<ExamQuestion>().Where(q => q.BankId == demo.BankId && q.Kind == ExamQuestionKind.Single).Select(q => q.Id).FirstAsync();
            var practical = ExamQuestion.Create(demo.BankId, "游泳技术教学", ExamQuestionKind.Practical, "请写出蛙泳腿部动作的教学步骤与常见错误的纠正方法。", [], "",
                "步骤完整 40 分；错误纠正 30 分；安全要求 20 分。", 90, Guid.NewGuid(), now);
            db.Add(practical);
            var paper = ExamPaper.Create(demo.BankId, demo.ProjectId, $"实操评分试卷 {Guid.NewGuid().ToString()[..4]}", "理论知识", PaperMode.Fixed, [single, practical.Id], [],
                60, false, false, Guid.NewGuid(), now);
            db.Add(paper);
            await db.SaveChangesAsync();
            return (paper.Id, practical.Id);
        });
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 30, windowMinutes: 40, minSubmit: 0, paperId: paperId);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(f, c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, sitting);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, practicalId, 1, text: "第一步陆上模仿收腿翻脚；第二步扶池边练习蹬夹……")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);
        Assert.Null((await AttemptAsync(App, e.AttemptId)).Score);         // practical item not yet scored

        // Training staff and learners cannot reach the examiner's page.
        var teacher = await StaffAsync(App, "train.teacher");
        foreach (var outsider in new[] { teacher, c.Client })
        {
            var denied = await outsider.GetAsync("/workbench/exams/scoring");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("AccessDenied", denied.Headers.Location!.OriginalString);
        }

        var examiner = await StaffAsync(App, "eval.examiner");
        var page = await examiner.GetStringAsync("/workbench/exams/scoring");
        var code = ExamReview.AttemptCode(e.AttemptId);
        Assert.Contains($"答卷 {code}", page);
        Assert.Contains("第一步陆上模仿收腿翻脚", page);
        Assert.DoesNotContain(c.Name, page);                                // blind marking
        var score = new Dictionary<string, string> { ["AttemptId"] = e.AttemptId.ToString(), ["QuestionId"] = practicalId.ToString(), ["Points"] = "95", ["Note"] = "" };
        Assert.Contains("得分应在 0–90 之间", await (await examiner.PostFormAsync("/workbench/exams/scoring", score)).Content.ReadAsStringAsync());
        score["Points"] = "40";
        EnrollmentFlow.Redirects(await examiner.PostFormAsync("/workbench/exams/scoring", score));
        var attempt = await AttemptAsync(App, e.AttemptId);
        Assert.Equal(attempt.AutoScore + 40, attempt.Score);
        Assert.DoesNotContain($"<h2>答卷 {code}", await examiner.GetStringAsync("/workbench/exams/scoring"));   // scored: off the to-do list
        Assert.Contains($"答卷 {code}", await examiner.GetStringAsync("/workbench/exams/scoring?All=true"));
        score["Points"] = "70";
        score["Note"] = "复评：安全要求部分完整";
        EnrollmentFlow.Redirects(await examiner.PostFormAsync("/workbench/exams/scoring", score));
        attempt = await AttemptAsync(App, e.AttemptId);
        Assert.Equal(attempt.AutoScore + 70, attempt.Score);
        Assert.Equal(2, await App.WithDbAsync(db => db.Set<PracticalScore>().CountAsync(p => p.AttemptId == e.AttemptId)));   // both scores kept
    }

    [Fact]
    public async Task EXM_01_bad_questions_and_papers_are_refused_and_change_nothing()
    {
        var staff = await f.StaffAsync();
        var page = await staff.GetStringAsync("/workbench/exams/bank");
        var bankId = System.Text.RegularExpressions.Regex.Match(page, "name=\"BankId\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        int Count() => App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Exams.Content.ExamQuestion>().CountAsync()).GetAwaiter().GetResult();
        var before = Count();
        var single = await staff.PostFormAsync("/workbench/exams/bank", new Dictionary<string, string>
            { ["BankId"] = bankId, ["Q.KnowledgePoint"] = "游泳技术教学", ["Q.Kind"] = "Single", ["Q.Stem"] = "题干", ["Q.Options"] = "甲\n乙", ["Q.Correct"] = "AB", ["Q.Points"] = "2" }, "Question");
        Assert.Contains("单选题只能有一个正确答案", await single.Content.ReadAsStringAsync());
        var paper = await staff.PostFormAsync("/workbench/exams/bank", new Dictionary<string, string>
            { ["BankId"] = bankId, ["P.Name"] = "超量试卷", ["P.Subject"] = "理论知识", ["P.Mode"] = "Blueprint", ["P.Blueprint"] = "游泳技术教学|单选|50", ["P.PassScore"] = "60" }, "Paper");
        Assert.Contains("题库只有", await paper.Content.ReadAsStringAsync());
        Assert.Equal(before, Count());
        var good = await staff.PostFormAsync("/workbench/exams/bank", new Dictionary<string, string>
            { ["BankId"] = bankId, ["Q.KnowledgePoint"] = "游泳技术教学", ["Q.Kind"] = "Multiple", ["Q.Stem"] = "自由泳技术要点包括：", ["Q.Options"] = "转体\n高肘抱水\n憋气不换", ["Q.Correct"] = "AB", ["Q.Points"] = "5" }, "Question");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(before + 1, Count());
    }
}

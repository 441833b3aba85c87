using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using static TrainEval.IntegrationTests.Learning.PracticeTestData;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>Self-test units: draw, pass mark, one unit completion, time limit, prerequisites (PRC-01, LRN-01, LRN-02).</summary>
public sealed class PracticeSelfTestTests : IClassFixture<TestAppFixture>
{
    private const string Cpr = "3.3 心肺复苏";
    private readonly TestApp app;
    public PracticeSelfTestTests(TestAppFixture fixture) => app = fixture.App;

    /// <summary>A new section with a self-test unit (5 questions of 3.3, pass mark 80, 10 minutes) and optionally a prerequisite unit.</summary>
    private async Task<(Course Course, CourseUnit Unit, CourseUnit? Before)> SelfTestAsync(string title, string knowledgePoint = Cpr, bool withPrerequisite = false,
        int count = 5)
    {
        var course = await CourseWithBankAsync(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var section = CourseSection.Create(course.Id, 80, "自测模块 " + title, knowledgePoint);
        var unit = CourseUnit.Create(course.Id, section.Id, 2, UnitKind.SelfTest, title, knowledgePoint, true, Guid.Empty, now);
        unit.SetSelfTest(count, 80, 10);
        CourseUnit? before = null;
        await app.WithDbAsync(db =>
        {
            db.AddRange(section, unit);
            if (withPrerequisite)
            {
                before = CourseUnit.Create(course.Id, section.Id, 1, UnitKind.Document, "心肺复苏操作规范（阅读）", knowledgePoint, true, Guid.Empty, now);
                db.Add(before);
                db.Add(UnitPrerequisite.Create(unit.Id, before.Id));
            }
            return db.SaveChangesAsync();
        });
        return (course, unit, before);
    }

    private static string Url(Guid projectId, Guid unitId) => $"/my/courses/{projectId}/selftests/{unitId}";

    private static async Task<HttpResponseMessage> StartSelfTestAsync(HttpClient c, Guid projectId, Guid unitId)
        => await c.PostFormAsync(Url(projectId, unitId), new Dictionary<string, string>(), "Start");

    private Task<List<UnitCompletion>> CompletionsAsync(Guid learnerId, Guid unitId)
        => app.WithDbAsync(db => db.Set<UnitCompletion>().AsNoTracking().Where(x => x.LearnerId == learnerId && x.UnitId == unitId).ToListAsync());

    [Fact]
    public async Task PRC_01_self_test_pass_appends_one_unit_completion_and_a_fail_does_not()
    {
        var (_, unit, _) = await SelfTestAsync("心肺复苏自测");
        var l = await LearningFlow.ActivatedLearnerAsync(app, "660");
        var page = await l.Client.GetStringAsync(Url(l.ProjectId, unit.Id));
        Assert.Contains("data-testid=\"selftest-not-passed\"", page);
        Assert.Contains("80 分", page);

        // Fail: 2 of 5 wrong = 60 < 80.
        var start = await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id);
        EnrollmentFlow.Redirects(start);
        var round = RoundId(start);
        var attempt = await AttemptAsync(app, round);
        Assert.Equal((PracticeMode.SelfTest, unit.Id, 5, 80, 600), (attempt.Mode, attempt.UnitId, attempt.QuestionCount, attempt.PassPercent, attempt.TimeLimitSeconds()));
        Assert.All(await QuestionsAsync(app, attempt.QuestionIds), q => Assert.Equal(Cpr, q.KnowledgePoint));   // the unit's point has ≥ 5

        // Starting again while the round is open resumes it (no second draw).
        Assert.Equal(round, RoundId(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id)));
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        EnrollmentFlow.Redirects((await AnswerAsync(app, l.Client, l.ProjectId, round, i => i < 2)).Response);
        var failed = await AttemptAsync(app, round);
        Assert.Equal((60, false), (failed.ScorePercent, failed.Passed));
        Assert.Empty(await CompletionsAsync(l.LearnerId, unit.Id));

        // Pass: 1 wrong of 5 = 80.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = RoundId(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id));
        Assert.NotEqual(round, second);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        EnrollmentFlow.Redirects((await AnswerAsync(app, l.Client, l.ProjectId, second, i => i == 0)).Response);
        var passed = await AttemptAsync(app, second);
        Assert.Equal((80, true), (passed.ScorePercent, passed.Passed));
        var completion = Assert.Single(await CompletionsAsync(l.LearnerId, unit.Id));
        Assert.Equal((PracticeRules.PassedHow, second.ToString()), (completion.How, completion.Evidence));
        Assert.Contains("data-testid=\"selftest-passed\"", await l.Client.GetStringAsync(Url(l.ProjectId, unit.Id)));

        // Passing again is recorded as practice but the unit stays completed once, by the first pass.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = RoundId(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        EnrollmentFlow.Redirects((await AnswerAsync(app, l.Client, l.ProjectId, third, _ => false)).Response);
        Assert.True((await AttemptAsync(app, third)).Passed);
        Assert.Equal(second.ToString(), Assert.Single(await CompletionsAsync(l.LearnerId, unit.Id)).Evidence);
    }

    [Fact]
    public async Task PRC_01_self_test_submitted_after_the_time_limit_is_scored_but_never_passes()
    {
        var (_, unit, _) = await SelfTestAsync("限时自测");
        var l = await LearningFlow.ActivatedLearnerAsync(app, "661");
        var round = RoundId(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id));
        Assert.Contains("data-testid=\"round-deadline\"", await l.Client.GetStringAsync($"/my/courses/{l.ProjectId}/practice/rounds/{round}"));

        app.Clock.Advance(TimeSpan.FromSeconds(600 + PracticeAttempt.SelfTestGraceSeconds + 1));
        // The late round is no longer resumed: starting again draws a new one.
        var fresh = RoundId(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id));
        Assert.NotEqual(round, fresh);

        EnrollmentFlow.Redirects((await AnswerAsync(app, l.Client, l.ProjectId, round, _ => false)).Response);
        var late = await AttemptAsync(app, round);
        Assert.Equal((100, false), (late.ScorePercent, late.Passed));
        Assert.True(late.IsLate(late.SubmittedAtUtc!.Value));
        Assert.Empty(await CompletionsAsync(l.LearnerId, unit.Id));
        var result = await l.Client.GetStringAsync($"/my/courses/{l.ProjectId}/practice/rounds/{round}");
        Assert.Contains("data-testid=\"result-late\"", result);

        // Within the limit plus grace it counts.
        app.Clock.Advance(TimeSpan.FromSeconds(600 + PracticeAttempt.SelfTestGraceSeconds));
        EnrollmentFlow.Redirects((await AnswerAsync(app, l.Client, l.ProjectId, fresh, _ => false)).Response);
        Assert.True((await AttemptAsync(app, fresh)).Passed);
        Assert.Single(await CompletionsAsync(l.LearnerId, unit.Id));
    }

    [Fact]
    public async Task PRC_01_self_test_draws_from_the_whole_bank_when_its_point_has_too_few_questions()
    {
        var (course, unit, _) = await SelfTestAsync("综合自测", knowledgePoint: "1.2 游泳运动发展", count: 8);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "662");
        var round = RoundId(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id));
        var attempt = await AttemptAsync(app, round);
        Assert.Equal(8, attempt.QuestionCount);
        Assert.Equal("600|*", attempt.Scope);
        var questions = await QuestionsAsync(app, attempt.QuestionIds);
        Assert.All(questions, q => Assert.Equal(course.Id, q.CourseId));
        Assert.Equal(8, questions.Select(q => q.Id).Distinct().Count());
    }

    [Fact]
    public async Task LRN_02_locked_self_test_cannot_be_started()
    {
        var (_, unit, before) = await SelfTestAsync("解锁后自测", withPrerequisite: true);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "663");
        var page = await l.Client.GetStringAsync(Url(l.ProjectId, unit.Id));
        Assert.Contains("data-testid=\"selftest-locked\"", page);
        Assert.Contains(before!.Title, page);
        Assert.DoesNotContain("data-testid=\"selftest-start\"", page);

        var refused = await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PracticeAttempt>().CountAsync(a => a.LearnerId == l.LearnerId)));

        await app.WithDbAsync(db =>
        {
            db.Add(UnitCompletion.Create(l.LearnerId, unit.CourseId, before.Id, "read", "test", app.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        EnrollmentFlow.Redirects(await StartSelfTestAsync(l.Client, l.ProjectId, unit.Id));

        // A unit of another kind, or of no course of this project, is not a self-test page.
        Assert.Equal(HttpStatusCode.NotFound, (await l.Client.GetAsync(Url(l.ProjectId, before.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await l.Client.GetAsync(Url(l.ProjectId, Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task PRC_01_learner_without_activation_cannot_open_a_self_test()
    {
        var (_, unit, _) = await SelfTestAsync("未开通自测");
        var stranger = await EnrollmentFlow.NewLearnerAsync(app, "664");
        var course = await CourseAsync(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(Url(course.ProjectId, unit.Id))).StatusCode);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Practice;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Learning.PracticeTestData;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>Learner practice: special practice, stage tests, the wrong-answer book, submission rules, records and PracticeStats (PRC-01, PRC-02).</summary>
public sealed class PracticeLearnerTests : IClassFixture<TestAppFixture>
{
    private const string Cpr = "3.3 心肺复苏";
    private readonly TestApp app;
    public PracticeLearnerTests(TestAppFixture fixture) => app = fixture.App;

    [Fact]
    public async Task PRC_01_special_practice_draws_only_from_the_knowledge_point()
    {
        var course = await CourseWithBankAsync(app);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "650");
        var page = await l.Client.GetAsync(PracticeUrl(l.ProjectId));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"data-kp=\"{Cpr}\"", html);
        Assert.Contains("data-testid=\"start-special\"", html);

        var inPoint = await app.WithDbAsync(db => db.Set<PracticeQuestion>().CountAsync(q => q.CourseId == course.Id && q.KnowledgePoint == Cpr && q.ArchivedAtUtc == null));
        for (var i = 0; i < 3; i++)
        {
            var round = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Cpr);
            var attempt = await AttemptAsync(app, round);
            Assert.Equal(Math.Min(PracticeRules.SpecialCount, inPoint), attempt.QuestionCount);
            Assert.Equal(attempt.QuestionCount, attempt.QuestionIds.Distinct().Count());
            Assert.All(await QuestionsAsync(app, attempt.QuestionIds), q => Assert.Equal(Cpr, q.KnowledgePoint));
            Assert.Equal(l.LearnerId, attempt.LearnerId);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, attempt.StartedAtUtc);
        }

        // An unknown knowledge point starts nothing.
        var before = await app.WithDbAsync(db => db.Set<PracticeAttempt>().CountAsync(a => a.LearnerId == l.LearnerId));
        var bad = await l.Client.PostFormAsync(PracticeUrl(l.ProjectId), new Dictionary<string, string> { ["mode"] = "Special", ["scope"] = "9.9 不存在" }, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("暂无练习题", await bad.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<PracticeAttempt>().CountAsync(a => a.LearnerId == l.LearnerId)));
    }

    [Fact]
    public async Task PRC_01_submission_is_scored_server_side_and_a_double_submit_returns_the_first_result()
    {
        await CourseWithBankAsync(app);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "651");
        var round = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Cpr);
        var started = app.Clock.GetUtcNow().UtcDateTime;
        app.Clock.Advance(TimeSpan.FromSeconds(95));

        var (response, questions) = await AnswerAsync(app, l.Client, l.ProjectId, round, i => i == 0);
        EnrollmentFlow.Redirects(response);
        var attempt = await AttemptAsync(app, round);
        var n = questions.Count;
        Assert.Equal(started.AddSeconds(95), attempt.SubmittedAtUtc);
        Assert.Equal(95, attempt.DurationSeconds);
        Assert.Equal(n, attempt.AnsweredCount);
        Assert.Equal(n - 1, attempt.CorrectCount);
        Assert.Equal((int)Math.Round(100.0 * (n - 1) / n), attempt.ScorePercent);
        var answers = await app.WithDbAsync(db => db.Set<PracticeAnswer>().AsNoTracking().Where(a => a.AttemptId == round).ToListAsync());
        Assert.Equal(n, answers.Count);
        Assert.False(answers.Single(a => a.QuestionId == questions[0].Id).Correct);

        // The result page shows the correct answer and the explanation of every question.
        var result = await l.Client.GetStringAsync($"/my/courses/{l.ProjectId}/practice/rounds/{round}");
        Assert.Contains("data-testid=\"round-result\"", result);
        Assert.Equal(n, CountOf(result, "data-testid=\"explanation\""));
        Assert.Contains(WebUtility.HtmlEncode(questions[1].Explanation), result);
        Assert.Equal(1, CountOf(result, "data-correct=\"false\""));

        // Submitting again (all right this time, later) changes nothing: the first result stands.
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var audits = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync());
        EnrollmentFlow.Redirects(await SubmitAsync(l.Client, l.ProjectId, round, questions.Select(q => (q.Id, q.AnswerKey))));
        var again = await AttemptAsync(app, round);
        Assert.Equal(attempt.SubmittedAtUtc, again.SubmittedAtUtc);
        Assert.Equal(n - 1, again.CorrectCount);
        Assert.Equal(n, await app.WithDbAsync(db => db.Set<PracticeAnswer>().CountAsync(a => a.AttemptId == round)));
        Assert.Equal(audits, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync()));
    }

    private static int CountOf(string html, string needle) => (html.Length - html.Replace(needle, "").Length) / needle.Length;

    [Fact]
    public async Task PRC_01_answers_for_questions_outside_the_round_or_impossible_answers_are_refused()
    {
        var course = await CourseWithBankAsync(app);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "652");
        var round = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Cpr);
        var attempt = await AttemptAsync(app, round);
        var questions = await QuestionsAsync(app, attempt.QuestionIds);
        var outsider = await app.WithDbAsync(db => db.Set<PracticeQuestion>().Where(q => q.CourseId == course.Id && q.KnowledgePoint != Cpr).Select(q => q.Id).FirstAsync());

        var stray = await SubmitAsync(l.Client, l.ProjectId, round, questions.Select(q => (q.Id, q.AnswerKey)).Append((outsider, "A")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stray.StatusCode);
        Assert.Contains("不属于本轮练习", await stray.Content.ReadAsStringAsync());

        var garbage = await SubmitAsync(l.Client, l.ProjectId, round, questions.Select(q => (q.Id, q.AnswerKey)), ("q-not-a-guid", "A"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);

        var single = questions.First(q => q.Kind == QuestionKind.Single);
        var impossible = await SubmitAsync(l.Client, l.ProjectId, round, [(single.Id, "AB")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, impossible.StatusCode);
        Assert.Contains("答案无效", await impossible.Content.ReadAsStringAsync());

        Assert.Null((await AttemptAsync(app, round)).SubmittedAtUtc);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PracticeAnswer>().CountAsync(a => a.AttemptId == round)));

        // Another learner cannot see or submit this round.
        var other = await LearningFlow.ActivatedLearnerAsync(app, "653");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/my/courses/{l.ProjectId}/practice/rounds/{round}")).StatusCode);
        var token = Forms.Token(await other.Client.GetStringAsync(PracticeUrl(other.ProjectId)));
        var foreign = await other.Client.PostAsync($"/my/courses/{l.ProjectId}/practice/rounds/{round}?handler=Submit",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [$"q-{single.Id}"] = single.AnswerKey }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Null((await AttemptAsync(app, round)).SubmittedAtUtc);
    }

    [Fact]
    public async Task PRC_01_wrong_answer_book_fills_and_empties_and_the_distribution_follows()
    {
        await CourseWithBankAsync(app);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "654");
        const string Drowning = "3.1 溺水识别";
        var round = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Drowning);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var (r1, questions) = await AnswerAsync(app, l.Client, l.ProjectId, round, _ => true);
        EnrollmentFlow.Redirects(r1);
        var n = questions.Count;

        var html = await l.Client.GetStringAsync(PracticeUrl(l.ProjectId));
        Assert.Contains($"data-testid=\"wrongbook-count\">{n}<", html);
        foreach (var q in questions) Assert.Contains($"data-question=\"{q.Id}\"", html);
        Assert.Contains($"data-kp=\"{Drowning}\" data-wrong=\"{n}\" data-answers=\"{n}\"", html);

        // Practising the wrong-answer book draws only those questions; answering them right removes them.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var book = await StartAsync(l.Client, l.ProjectId, PracticeMode.WrongBook);
        var drawn = (await AttemptAsync(app, book)).QuestionIds;
        Assert.Equal(questions.Select(q => q.Id).Order(), drawn.Order());
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var (r2, second) = await AnswerAsync(app, l.Client, l.ProjectId, book, i => i == 0);
        EnrollmentFlow.Redirects(r2);

        html = await l.Client.GetStringAsync(PracticeUrl(l.ProjectId));
        Assert.Contains("data-testid=\"wrongbook-count\">1<", html);
        Assert.Contains($"data-testid=\"wrongbook-item\" data-question=\"{second[0].Id}\"", html);
        Assert.Contains($"data-kp=\"{Drowning}\" data-wrong=\"{n + 1}\" data-answers=\"{2 * n}\"", html);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var last = await StartAsync(l.Client, l.ProjectId, PracticeMode.WrongBook);
        Assert.Equal([second[0].Id], (await AttemptAsync(app, last)).QuestionIds);
        EnrollmentFlow.Redirects((await AnswerAsync(app, l.Client, l.ProjectId, last, _ => false)).Response);
        html = await l.Client.GetStringAsync(PracticeUrl(l.ProjectId));
        Assert.Contains("data-testid=\"wrongbook-count\">0<", html);
        var empty = await l.Client.PostFormAsync(PracticeUrl(l.ProjectId), new Dictionary<string, string> { ["mode"] = "WrongBook" }, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("错题本是空的", await empty.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PRC_01_stage_test_draws_questions_of_the_sections_knowledge_points()
    {
        var course = await CourseWithBankAsync(app);
        var section = CourseSection.Create(course.Id, 90, "水上安全与救护（阶段测验）", "3.1 溺水识别；3.2 岸上与水中救护");
        await app.WithDbAsync(db => { db.Add(section); return db.SaveChangesAsync(); });
        var l = await LearningFlow.ActivatedLearnerAsync(app, "655");
        Assert.Contains("data-testid=\"start-stage\"", await l.Client.GetStringAsync(PracticeUrl(l.ProjectId)));

        var round = await StartAsync(l.Client, l.ProjectId, PracticeMode.Stage, section.Id.ToString());
        var attempt = await AttemptAsync(app, round);
        Assert.Equal(section.Id.ToString(), attempt.Scope);
        var questions = await QuestionsAsync(app, attempt.QuestionIds);
        var expected = await app.WithDbAsync(db => db.Set<PracticeQuestion>()
            .CountAsync(q => q.CourseId == course.Id && q.ArchivedAtUtc == null && (q.KnowledgePoint == "3.1 溺水识别" || q.KnowledgePoint == "3.2 岸上与水中救护")));
        Assert.Equal(Math.Min(PracticeRules.StageCount, expected), questions.Count);
        Assert.All(questions, q => Assert.Contains(q.KnowledgePoint, new[] { "3.1 溺水识别", "3.2 岸上与水中救护" }));
        Assert.Contains("水上安全与救护（阶段测验）", await l.Client.GetStringAsync($"/my/courses/{l.ProjectId}/practice/rounds/{round}"));
    }

    [Fact]
    public async Task PRC_01_learner_without_an_open_activation_cannot_practise()
    {
        await CourseWithBankAsync(app);
        // Registered but never enrolled: nothing is shown and nothing can be started.
        var stranger = await EnrollmentFlow.NewLearnerAsync(app, "656");
        var projectId = (await CourseAsync(app)).ProjectId;
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(PracticeUrl(projectId))).StatusCode);
        var token = Forms.Token(await stranger.GetStringAsync("/Accounts/Profile"));
        var before = await app.WithDbAsync(db => db.Set<PracticeAttempt>().CountAsync());
        var start = await stranger.PostAsync(PracticeUrl(projectId) + "?handler=Start",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["mode"] = "Special", ["scope"] = Cpr }));
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<PracticeAttempt>().CountAsync()));

        // Activation closed (e.g. refund) with a round still open: records stay visible, nothing more is accepted.
        var l = await LearningFlow.ActivatedLearnerAsync(app, "657");
        var round = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Cpr);
        await app.WithDbAsync(async db =>
        {
            var a = await db.Set<CourseActivation>().SingleAsync(x => x.LearnerId == l.LearnerId);
            a.Close("退费", app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var page = await l.Client.GetAsync(PracticeUrl(l.ProjectId));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"practice-closed\"", html);
        Assert.DoesNotContain("data-testid=\"start-special\"", html);
        var refused = await l.Client.PostFormAsync(PracticeUrl(l.ProjectId), new Dictionary<string, string> { ["mode"] = "Special", ["scope"] = Cpr }, "Start");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var (submit, _) = await AnswerAsync(app, l.Client, l.ProjectId, round, _ => false);
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Null((await AttemptAsync(app, round)).SubmittedAtUtc);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PracticeAttempt>().CountAsync(a => a.LearnerId == l.LearnerId)));
    }

    [Fact]
    public async Task PRC_02_practice_stats_figures()
    {
        var course = await CourseWithBankAsync(app);
        var l = await LearningFlow.ActivatedLearnerAsync(app, "658");
        var since = app.Clock.GetUtcNow().UtcDateTime;

        // Round 1: 3.3 (6 questions), 2 wrong, 120 s.  Round 2: 4.1 (4 questions), all right, 10 s (implausibly fast? 4 < 5 answered: no).
        // Round 3: 3.2 (4 questions) started, never submitted.  Round 4: 3.3 again, all right in 12 s (6 answered, 2 s each: flagged).
        var r1 = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Cpr);
        app.Clock.Advance(TimeSpan.FromSeconds(120));
        var (_, q1) = await AnswerAsync(app, l.Client, l.ProjectId, r1, i => i < 2);
        var r2 = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, "4.1 水质与卫生");
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        var (_, q2) = await AnswerAsync(app, l.Client, l.ProjectId, r2, _ => false);
        await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, "3.2 岸上与水中救护");
        var r4 = await StartAsync(l.Client, l.ProjectId, PracticeMode.Special, Cpr);
        app.Clock.Advance(TimeSpan.FromSeconds(12));
        var (_, q4) = await AnswerAsync(app, l.Client, l.ProjectId, r4, _ => false);

        using var scope = app.Services.CreateScope();
        var stats = scope.ServiceProvider.GetRequiredService<PracticeStats>();
        var summary = await stats.GetSummaryAsync(l.LearnerId, course.Id, CancellationToken.None);
        var answered = q1.Count + q2.Count + q4.Count;
        var correct = q1.Count - 2 + q2.Count + q4.Count;
        Assert.Equal(3, summary.Rounds);
        Assert.Equal(4, summary.StartedRounds);
        Assert.Equal(answered, summary.Answered);
        Assert.Equal(correct, summary.Correct);
        Assert.Equal((int)Math.Floor(100.0 * correct / answered), summary.AccuracyPercent);
        Assert.Equal(142, summary.TotalSeconds);
        Assert.Empty(summary.SelfTestUnitsPassed);

        var rounds = await stats.ListRoundsAsync(l.LearnerId, course.Id, CancellationToken.None);
        Assert.Equal(4, rounds.Count);
        var first = rounds.Single(r => r.AttemptId == r1);
        Assert.Equal(("专项练习", Cpr, q1.Count - 2, 120), (first.ModeName, first.ScopeName, first.Correct, first.DurationSeconds));
        Assert.Single(rounds, r => r.SubmittedAtUtc is null);

        var distribution = await stats.GetWrongDistributionAsync(l.LearnerId, course.Id, CancellationToken.None);
        Assert.Equal(new KnowledgePointWrongCount(Cpr, q1.Count + q4.Count, 2), distribution[0]);
        Assert.Equal(new KnowledgePointWrongCount("4.1 水质与卫生", q2.Count, 0), distribution.Single(d => d.KnowledgePoint == "4.1 水质与卫生"));
        Assert.Equal(2, distribution.Count);

        var fast = await stats.FindImplausiblyFastAsync(course.Id, since, CancellationToken.None);
        var mine = fast.Where(f => f.LearnerId == l.LearnerId).ToList();
        Assert.Single(mine);
        Assert.Equal((r4, q4.Count, 12), (mine[0].AttemptId, mine[0].Answered, mine[0].DurationSeconds));
        Assert.Equal(Math.Round(12.0 / q4.Count, 2), mine[0].SecondsPerAnswer);
        Assert.Empty(await stats.FindImplausiblyFastAsync(course.Id, app.Clock.GetUtcNow().UtcDateTime.AddSeconds(1), CancellationToken.None));

        // The learner's records section shows the same figures.
        var html = await l.Client.GetStringAsync(PracticeUrl(l.ProjectId));
        Assert.Contains($"data-testid=\"stat-rounds\">3<", html);
        Assert.Contains($"data-testid=\"stat-answered\">{answered}<", html);
        Assert.Contains($"data-testid=\"stat-accuracy\">{summary.AccuracyPercent}%<", html);
        Assert.Equal(4, CountOf(html, "data-testid=\"round-row\""));
    }
}

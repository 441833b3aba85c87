using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Learning.Anomalies;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Learning.LedgerTestKit;

namespace TrainEval.IntegrationTests.Learning;

/// <summary>LRN-08 anomaly flags → manual review; LRN-09 completion rule in the journey gates.</summary>
public sealed class AnomalyReviewTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private readonly TestApp app = fixture.App;

    private async Task<int> DetectAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DetectAnomaliesJob>().RunOnceAsync(default);
    }

    /// <summary>Two minutes of credited playback, and five units "completed" within those minutes.</summary>
    private async Task<(ActivatedLearner Learner, CourseUnit Unit)> BurstAsync(string seq)
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, seq);
        var unit = await VideoUnitAsync(app, learner.ProjectId, 900);
        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        for (var i = 1; i <= 4; i++) { app.Clock.Advance(TimeSpan.FromSeconds(30)); await p.BeatAsync(30 * i); }
        await p.BeatAsync(120, playing: false);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
                db.Add(UnitCompletion.Create(learner.LearnerId, unit.CourseId, Guid.NewGuid(), "read", "test burst", now.AddSeconds(-110 + 20 * i)));
            return await db.SaveChangesAsync();
        });
        return (learner, unit);
    }

    [Fact]
    public async Task LRN_08_a_burst_of_completions_is_flagged_once_and_confirming_voids_the_time_and_tells_the_learner()
    {
        var (learner, unit) = await BurstAsync("801");
        Assert.Equal(120_000, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);
        Assert.True(await DetectAsync() >= 1);
        Assert.Equal(0, await DetectAsync());                                  // re-running raises nothing new
        var flag = await app.WithDbAsync(db => db.Set<LearningAnomaly>().SingleAsync(a => a.LearnerId == learner.LearnerId));
        Assert.Equal(AnomalyRules.FastCompletion, flag.Rule);

        var journey = await learner.Client.GetStringAsync($"/my/projects/{learner.ProjectId}");
        Assert.Contains("项学习异常待培训机构复核", journey);                     // blocks the learning commitment

        var teacher = app.Browser();
        await teacher.LoginAsync("train.teacher");
        var queue = await teacher.GetStringAsync("/workbench/learning/anomalies");
        Assert.Contains("短时间内完成大量学习任务", queue);
        var noNote = await teacher.PostFormAsync("/workbench/learning/anomalies", new Dictionary<string, string>
            { ["AnomalyId"] = flag.Id.ToString(), ["Decision"] = "confirm", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNote.StatusCode);
        Assert.Equal(120_000, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);

        var confirmed = await teacher.PostFormAsync("/workbench/learning/anomalies", new Dictionary<string, string>
            { ["AnomalyId"] = flag.Id.ToString(), ["Decision"] = "confirm", ["Note"] = "两分钟内完成五个单元，判定为刷课" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var (net, reasons) = await LedgerAsync(app, learner.LearnerId);
        Assert.True(net < 120_000);
        Assert.Contains("anomaly-confirmed", reasons);
        var decision = await app.WithDbAsync(db => db.Set<AnomalyDecision>().SingleAsync(d => d.AnomalyId == flag.Id));
        Assert.Equal(120_000 - net, decision.VoidedMs);
        Assert.Equal(AnomalyStatus.Confirmed, (await app.WithDbAsync(db => db.Set<LearningAnomaly>().SingleAsync(a => a.Id == flag.Id))).Status);
        Assert.True(await app.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == learner.LearnerId && m.Title == "学习异常复核结果")));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "learning.anomaly.confirmed" && e.SubjectId == learner.LearnerId.ToString())));

        var again = await teacher.PostFormAsync("/workbench/learning/anomalies?All=true", new Dictionary<string, string>
            { ["AnomalyId"] = flag.Id.ToString(), ["Decision"] = "confirm", ["Note"] = "再次确认" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);    // decided once; nothing voided twice
        Assert.Equal(net, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);
        Assert.DoesNotContain("项学习异常待培训机构复核", await learner.Client.GetStringAsync($"/my/projects/{learner.ProjectId}"));
    }

    [Fact]
    public async Task LRN_08_dismissing_records_the_decision_only_and_other_roles_cannot_decide()
    {
        var (learner, _) = await BurstAsync("802");
        await DetectAsync();
        var flag = await app.WithDbAsync(db => db.Set<LearningAnomaly>().SingleAsync(a => a.LearnerId == learner.LearnerId));
        var evaluator = app.Browser();
        await evaluator.LoginAsync("eval.admin");
        var denied = await evaluator.GetAsync("/workbench/learning/anomalies");
        Assert.Contains("/Accounts/AccessDenied", denied.Headers.Location?.OriginalString);

        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        var dismissed = await admin.PostFormAsync("/workbench/learning/anomalies", new Dictionary<string, string>
            { ["AnomalyId"] = flag.Id.ToString(), ["Decision"] = "dismiss", ["Note"] = "学员集中阅读资料，属正常" });
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Equal(120_000, (await LedgerAsync(app, learner.LearnerId)).CreditedMs);
        Assert.Equal(AnomalyStatus.Dismissed, (await app.WithDbAsync(db => db.Set<LearningAnomaly>().SingleAsync(a => a.Id == flag.Id))).Status);
    }

    [Fact]
    public async Task LRN_09_the_journey_lists_what_is_missing_and_opens_the_learning_commitment_once_the_rule_is_met()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "803");
        var unit = await VideoUnitAsync(app, learner.ProjectId, 900);
        await app.WithDbAsync(async db =>
        {
            var course = await db.Set<Course>().SingleAsync(c => c.Id == unit.CourseId);
            course.SetRules(CourseRules.Default with { RequiredMinutes = 2, RequireAllUnits = false, RequireSelfTestsPassed = false }, app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        var before = await learner.Client.GetStringAsync($"/my/projects/{learner.ProjectId}");
        Assert.Contains("有效学习时长达到 2 分钟（0 / 2 分钟）", before);
        Assert.Contains("data-testid=\"journey-step-learning\" data-state=\"current\"", before);

        var p = await OpenAsync(app, learner, unit);
        await p.BeatAsync(0);
        for (var i = 1; i <= 4; i++) { app.Clock.Advance(TimeSpan.FromSeconds(30)); await p.BeatAsync(30 * i); }
        var after = await learner.Client.GetStringAsync($"/my/projects/{learner.ProjectId}");
        Assert.Contains("data-testid=\"journey-step-learning\" data-state=\"done\"", after);
        Assert.Contains("data-testid=\"journey-step-learning_commitment\" data-state=\"current\"", after);
    }

    [Fact]
    public async Task LRN_11_validity_extension_is_recorded_with_its_reason_and_the_learner_is_told()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(app, "804");
        var activation = await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().SingleAsync(a => a.LearnerId == learner.LearnerId));
        var admin = app.Browser();
        await admin.LoginAsync("train.admin");
        const string url = "/workbench/learning/validity?Learner=13700000804";
        Assert.Contains("data-testid=\"validity-row\"", await admin.GetStringAsync(url));

        var currentEnd = DateOnly.FromDateTime(activation.LearningValidUntilUtc.AddHours(8));
        var earlier = await admin.PostFormAsync(url, new Dictionary<string, string>
            { ["ActivationId"] = activation.Id.ToString(), ["NewEnd"] = currentEnd.AddDays(-10).ToString("yyyy-MM-dd"), ["Reason"] = "平台故障停机三天" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, earlier.StatusCode);
        var noReason = await admin.PostFormAsync(url, new Dictionary<string, string>
            { ["ActivationId"] = activation.Id.ToString(), ["NewEnd"] = currentEnd.AddDays(30).ToString("yyyy-MM-dd"), ["Reason"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);

        var ok = await admin.PostFormAsync(url, new Dictionary<string, string>
            { ["ActivationId"] = activation.Id.ToString(), ["NewEnd"] = currentEnd.AddDays(30).ToString("yyyy-MM-dd"), ["Reason"] = "平台故障停机三天，按规定顺延" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var after = await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().SingleAsync(a => a.Id == activation.Id));
        Assert.Equal(currentEnd.AddDays(31), DateOnly.FromDateTime(after.LearningValidUntilUtc.AddHours(8)));
        var extension = await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.ActivationExtension>().SingleAsync(e => e.ActivationId == activation.Id));
        Assert.Equal(activation.LearningValidUntilUtc, extension.PreviousUntilUtc);
        Assert.Contains("平台故障", extension.Reason);
        Assert.True(await app.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.UserId == learner.LearnerId && m.Title == "学习有效期已延长")));
    }
}

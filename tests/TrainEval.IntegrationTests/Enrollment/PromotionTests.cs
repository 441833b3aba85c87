using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using static TrainEval.IntegrationTests.Infrastructure.EnrollmentFlow;

namespace TrainEval.IntegrationTests.Enrollment;

public sealed class PromotionTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public PromotionTests(TestAppFixture fixture) => app = fixture.App;

    private static Dictionary<string, string> Start(string name, string id) => new() { ["ProjectCode"] = EnrollmentFlow.Project, ["RealName"] = name, ["IdNumber"] = id };

    [Fact]
    public async Task ENR_04_promotion_starts_an_enrollment_the_learner_must_confirm_and_can_only_watch_its_status()
    {
        var learner = await NewLearnerAsync(app, "301");
        var agent = app.Browser();
        await agent.LoginAsync("promo.agent");

        var unknown = await agent.PostFormAsync("/workbench/promotion", Start("不存在", People.Id("440106", "19960505", "999")));
        Assert.Contains("请学员本人先完成实名注册", await unknown.Content.ReadAsStringAsync());
        var wrongName = await agent.PostFormAsync("/workbench/promotion", Start("冒名者", People.Id("440106", "19960505", "301")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongName.StatusCode);

        Redirects(await agent.PostFormAsync("/workbench/promotion", Start("学员三零一", People.Id("440106", "19960505", "301"))));
        var started = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().SingleAsync(a => a.Channel == EnrollmentChannel.Promotion && a.Status == EnrollmentStatus.Draft
            && a.LearnerConfirmedAtUtc == null));
        Assert.NotNull(started.PromotionInstitutionId);

        // The learner is told and confirms in their own account by reading the rules; then completes the wizard.
        Assert.Contains("为您发起了报名", await learner.GetStringAsync("/my/messages"));
        Assert.Contains("合作推广单位为您发起了本项目的报名", await learner.GetStringAsync(ApplyUrl));
        var id = await SubmitAsync(app, learner);
        Assert.Equal(started.Id, id);
        var confirmed = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().SingleAsync(a => a.Id == id));
        Assert.NotNull(confirmed.LearnerConfirmedAtUtc);
        Assert.Equal(EnrollmentChannel.Promotion, confirmed.Channel);

        // The organisation sees the status but cannot review or open the case.
        Assert.Contains("待审核", await agent.GetStringAsync("/workbench/promotion"));
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync($"/workbench/reviews/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await agent.GetAsync($"/my/enrollments/{id}/order")).StatusCode);
    }
}

public sealed class AnomalyTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public AnomalyTests(TestAppFixture fixture) => app = fixture.App;

    [Fact]
    public async Task ACT_03_approved_but_not_activated_and_wrong_project_activations_are_reported()
    {
        var learner = await NewLearnerAsync(app, "401");
        var enrollmentId = await SubmitAsync(app, learner);
        await OrderAsync(app, learner, enrollmentId);
        await PaySandboxAsync(learner, enrollmentId);
        var reviewer = app.Browser();
        await reviewer.LoginAsync("train.reviewer");
        Assert.Contains("未发现异常", await reviewer.GetStringAsync("/workbench/anomalies"));
        Redirects(await DecideAsync(reviewer, enrollmentId, "Approved", "通过"));

        // Simulate two data faults directly in the database: the activation row pointing at another project, and its removal.
        var otherProject = Guid.NewGuid();
        await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().Where(a => a.EnrollmentId == enrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ProjectId, otherProject)));
        var html = await reviewer.GetStringAsync("/workbench/anomalies");
        Assert.Contains("activated_wrong_project", html);
        await app.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().Where(a => a.EnrollmentId == enrollmentId).ExecuteDeleteAsync());
        html = await reviewer.GetStringAsync("/workbench/anomalies");
        Assert.Contains("approved_not_activated", html);
    }
}

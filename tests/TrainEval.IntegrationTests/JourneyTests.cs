using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;

namespace TrainEval.IntegrationTests;

public sealed class JourneyTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public JourneyTests(TestAppFixture fixture) => app = fixture.App;

    private Task<Guid> ProjectIdAsync() => app.WithDbAsync(db => db.Set<Project>().Where(p => p.Code == "SSI-SWIM-4").Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task ENR_02_journey_shows_enroll_as_current_with_missing_profile_items()
    {
        var client = app.Browser();
        await client.LoginAsync("learner2");
        var html = await client.GetStringAsync($"/my/projects/{await ProjectIdAsync()}");
        Assert.Contains("data-testid=\"journey-step-register\" data-state=\"done\"", html);
        Assert.Contains("data-testid=\"journey-step-enroll\" data-state=\"current\"", html);
        Assert.Contains("data-testid=\"journey-step-pay\" data-state=\"locked\"", html);
        Assert.Contains("完善个人资料：所在地区", html);
        Assert.Contains("完善个人资料：工作单位或学习单位", html);
    }

    [Fact]
    public async Task ENR_02_journey_api_lists_only_the_submission_once_the_profile_is_complete()
    {
        var client = app.Browser();
        await client.LoginAsync("learner1");
        var journey = await client.GetFromJsonAsync<JsonElement>($"/api/v1/journey/{await ProjectIdAsync()}");
        var steps = journey.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["register", "enroll", "pay", "review", "activation", "learning", "learning_commitment", "identity",
            "exam_commitment", "exam", "result_review", "certificate"], steps.Select(s => s.GetProperty("key").GetString()));
        var enroll = steps[1];
        Assert.Equal("current", enroll.GetProperty("state").GetString());
        var missing = enroll.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Single(missing);
        Assert.Contains("提交报名申请", missing[0]);
        Assert.All(steps.Skip(2), s => Assert.Equal("locked", s.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task ENR_02_completing_the_profile_removes_those_missing_items_and_keeps_a_trace()
    {
        var client = app.Browser();
        await client.LoginAsync("learner3");
        var saved = await client.PostFormAsync("/Accounts/Profile", new Dictionary<string, string>
            { ["Region"] = "广东省深圳市南山区", ["Employer"] = "深圳大学" }, handler: "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await client.GetStringAsync($"/my/projects/{await ProjectIdAsync()}");
        Assert.DoesNotContain("完善个人资料", html);
        var trace = await app.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Audit.AuditEntry>()
            .Where(a => a.Action == "account.profile_updated").Select(a => a.Detail).ToListAsync());
        Assert.Contains(trace, d => d.Contains("深圳大学"));
    }

    [Fact]
    public async Task Journey_api_needs_a_learner_and_returns_problem_details_for_unknown_projects()
    {
        var anonymous = await app.Browser().GetAsync($"/api/v1/journey/{await ProjectIdAsync()}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var client = app.Browser();
        await client.LoginAsync("learner1");
        var missing = await client.GetAsync($"/api/v1/journey/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}

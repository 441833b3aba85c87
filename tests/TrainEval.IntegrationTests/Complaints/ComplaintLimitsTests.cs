using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Complaints;
using static TrainEval.IntegrationTests.Complaints.ComplaintsKit;

namespace TrainEval.IntegrationTests.Complaints;

/// <summary>SUP-01 spam limits on an app of their own (the rate limiter and caps are per app): daily caps per phone and per account, and the per-address rate limit.</summary>
public sealed class ComplaintLimitsTests : IDisposable
{
    private readonly TestApp app = new();

    public ComplaintLimitsTests()
    {
        app.Settings["Modules:Complaints:PublicDailyCapPerPhone"] = "2";
        app.Settings["Modules:Complaints:LearnerDailyCapPerAccount"] = "2";
        app.Settings["Platform:RateLimits:ComplaintsPer10Minutes"] = "8";
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task SUP_01_daily_caps_per_phone_and_per_account_then_the_address_rate_limit()
    {
        var anon = app.Browser();
        var fields = Fields(name: "周公众", phone: "13912349999");
        await FilePublicAsync(anon, fields);                                        // POST 1
        await FilePublicAsync(anon, fields);                                        // POST 2
        var capped = await FileAsync(anon, "/complaints/new", fields);             // POST 3
        Assert.Equal(HttpStatusCode.UnprocessableEntity, capped.StatusCode);
        Assert.Contains("今日提交的投诉已达 2 件上限", await capped.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Complaint>().CountAsync()));

        var (learner, _) = await LearnerAsync(app, "1120");
        await FileLearnerAsync(learner, Fields());                                  // POST 4
        await FileLearnerAsync(learner, Fields());                                  // POST 5
        var learnerCapped = await FileAsync(learner, "/my/complaints/new", Fields()); // POST 6
        Assert.Contains("今日提交的投诉已达 2 件上限", await learnerCapped.Content.ReadAsStringAsync());

        // The next China day the caps start again (the fixed-window rate limit runs on real time and is still counting).
        app.Clock.Advance(TimeSpan.FromDays(1));
        (learner, _) = await LearnerAsync(app, "1121");
        await FileLearnerAsync(learner, Fields());                                  // POST 7
        await FilePublicAsync(anon, fields);                                        // POST 8
        var limited = await anon.PostFormAsync("/complaints/track", new Dictionary<string, string> { ["Number"] = "TS-2026-000001", ["Code"] = "x" });   // POST 9
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/complaints/track")).StatusCode);   // reading is not limited
        Assert.Equal(6, await app.WithDbAsync(db => db.Set<Complaint>().CountAsync()));
    }

    [Fact]
    public async Task SUP_01_queue_counts_down_and_marks_overdue_after_the_clock_passes_the_due_time()
    {
        var (learner, _) = await LearnerAsync(app, "1104");
        var id = await FileLearnerAsync(learner, Fields(category: "Exam", subject: "考试中断未补时", institution: await InstitutionIdAsync(app, EvaluationInstitution)));
        var staff = await StaffAsync(app, "eval.admin");
        var queue = await staff.GetStringAsync("/workbench/complaints");
        Assert.Contains($"data-id=\"{id}\" data-number", queue);
        Assert.Matches($"data-id=\"{id}\"[^>]*data-overdue=\"false\"", queue);
        Assert.Contains("受理：剩余", queue);

        app.Clock.Advance(TimeSpan.FromDays(3));
        staff = await StaffAsync(app, "eval.admin");
        queue = await staff.GetStringAsync("/workbench/complaints?Overdue=true");
        Assert.Matches($"data-id=\"{id}\"[^>]*data-overdue=\"true\"", queue);
        Assert.Contains("受理：已超时", queue);
        EnrollmentFlow.Redirects(await ActAsync(staff, id, "Acknowledge"));
        Assert.True((await ComplaintAsync(app, id)).AcknowledgedLate);
    }
}

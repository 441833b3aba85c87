using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Commitments;
using TrainEval.IntegrationTests.Exams;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Notifications;
using TrainEval.Web.Modules.Notifications.Email;
using TrainEval.Web.Modules.Verification.Public;
using TrainEval.Web.Platform.Jobs;
using static TrainEval.IntegrationTests.Exams.ExamFlow;

namespace TrainEval.IntegrationTests.Complaints;

/// <summary>
/// One app with SMTP configured (no server needed: e-mails are work items until the job runs), the identity check as a
/// test double and the demo course's completion rule relaxed, so a learner can go from enrollment to a published result.
/// </summary>
public sealed class NotificationsFixture : IDisposable
{
    public TestApp App { get; }
    public FakeVerification Verification { get; }

    public NotificationsFixture()
    {
        FakeVerification? verification = null;
        App = new TestApp(services: s => s.AddSingleton<IVerificationApi>(sp => verification ??= new FakeVerification(sp.GetRequiredService<TimeProvider>())));
        App.Settings["Modules:Notifications:Smtp:Host"] = "127.0.0.1";
        App.Settings["Modules:Notifications:Smtp:Port"] = "2525";
        App.Settings["Modules:Notifications:Smtp:FromAddress"] = "noreply@traineval.example";
        App.Server.ToString();
        Verification = (FakeVerification)App.Services.GetRequiredService<IVerificationApi>();
        App.WithDbAsync(async db =>
        {
            foreach (var c in await db.Set<Course>().ToListAsync())
                c.SetRules(CourseRules.Default with { RequireAllUnits = false, RequireSelfTestsPassed = false, RequiredMinutes = 0 }, App.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        }).GetAwaiter().GetResult();
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// SUP-06: each key point (review result with activation, exam schedule, published result, complaint reply) puts a message
/// in the learner's message centre whose text equals the system state, and queues an e-mail copy with the same content.
/// (Certificates notify from the certificates module.) Learner sequence numbers: "1110".."1119" (three-digit "110".."119" for the shared flows).
/// </summary>
public sealed class NotificationKeyPointsTests(NotificationsFixture f) : IClassFixture<NotificationsFixture>
{
    private TestApp App => f.App;

    [Fact]
    public async Task SUP_06_review_result_and_activation_message_states_the_validity_of_the_opened_course_and_is_mailed()
    {
        var learner = await LearningFlow.ActivatedLearnerAsync(App, "110");
        var (activation, projectName) = await App.WithDbAsync(async db =>
        {
            var a = await db.Set<CourseActivation>().AsNoTracking().SingleAsync(x => x.EnrollmentId == learner.EnrollmentId);
            var name = await db.Set<Project>().Where(p => p.Id == a.ProjectId).Select(p => p.Name).SingleAsync();
            return (a, name);
        });
        var m = await MessageAsync(learner.LearnerId, $"报名审核通过：{projectName}");
        var days = (int)Math.Round((activation.LearningValidUntilUtc - activation.ActivatedAtUtc).TotalDays);
        Assert.Contains("课程已开通", m.Body);
        Assert.Contains($"学习有效期 {days} 天", m.Body);
        Assert.Equal($"/my/projects/{learner.ProjectId}", m.Link);
        await AssertMailedAsync(m);
    }

    [Fact]
    public async Task SUP_06_exam_schedule_and_result_messages_equal_the_sitting_and_the_published_score()
    {
        var c = await ReadyLearnerAsync(App, "111");
        var staff = await ExamFlow.StaffAsync(App);
        var sittingId = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 30, windowMinutes: 40, minSubmit: 0);
        await AddAsync(staff, sittingId, c);
        var sitting = await App.WithDbAsync(db => db.Set<Sitting>().AsNoTracking().SingleAsync(s => s.Id == sittingId));
        var schedule = await MessageAsync(c.LearnerId, $"考试安排：{sitting.Name}");
        Assert.Contains(ExamAttempts.Cst(sitting.StartsAtUtc), schedule.Body);
        Assert.Contains(ExamAttempts.Cst(sitting.EndsAtUtc), schedule.Body);
        Assert.Contains(sitting.Subject, schedule.Body);
        await AssertMailedAsync(schedule);

        await PrepareAsync(staff, sittingId);
        f.Verification.Pass(c.LearnerId, "exam", sittingId);
        await SignFlow.SignWithCodeAsync(App, c.Client, c.LearnerId, $"/my/commitments/exam/{sittingId}");
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, sittingId);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, e.Questions[0].Question, 1, [0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);
        var decided = await staff.PostFormAsync($"/workbench/exams/sittings/{sittingId}/review", new Dictionary<string, string>
            { ["AttemptId"] = e.AttemptId.ToString(), ["Outcome"] = "Confirm", ["Reason"] = "考试记录无异常", ["Basis"] = "考试日志", ["NextStep"] = "" }, "Decide");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);

        var attempt = await AttemptAsync(App, e.AttemptId);
        var pass = await App.WithDbAsync(db => db.Set<ExamPaper>().Where(p => p.Id == sitting.PaperId).Select(p => p.PassScore).SingleAsync());
        var result = await MessageAsync(c.LearnerId, "考试成绩已发布");
        Assert.Contains($"{attempt.Score:0.##} 分", result.Body);
        Assert.Contains($"合格线 {pass:0.##}", result.Body);
        Assert.Contains(attempt.Passed == true ? "，合格" : "不合格", result.Body);
        Assert.Contains(sitting.Name, result.Body);
        await AssertMailedAsync(result);
    }

    [Fact]
    public async Task SUP_06_complaint_reply_message_carries_the_reply_and_the_outcome_and_is_mailed()
    {
        var (learner, learnerId) = await ComplaintsKit.LearnerAsync(App, "1110");
        var id = await ComplaintsKit.FileLearnerAsync(learner, ComplaintsKit.Fields(institution: await ComplaintsKit.InstitutionIdAsync(App, ComplaintsKit.TrainingInstitution)));
        var staff = await ComplaintsKit.StaffAsync(App, "train.admin");
        const string reply = "经核实，退费已于今日原路退回，请留意银行到账通知。";
        EnrollmentFlow.Redirects(await ComplaintsKit.ActAsync(staff, id, "Reply", new() { ["Outcome"] = "Upheld", ["Reply"] = reply }));
        var c = await ComplaintsKit.ComplaintAsync(App, id);
        var m = await MessageAsync(learnerId, $"投诉已答复：{c.Number}");
        Assert.Contains(reply, m.Body);
        Assert.Contains("投诉属实，已处理", m.Body);
        Assert.Equal(reply, c.Reply);
        await AssertMailedAsync(m);
        await AssertMailedAsync(await MessageAsync(learnerId, $"投诉已受理：{c.Number}"));   // replying acknowledged it first
    }

    private async Task<InboxMessage> MessageAsync(Guid learnerId, string title)
    {
        var list = await App.WithDbAsync(db => db.Set<InboxMessage>().AsNoTracking().Where(m => m.UserId == learnerId && m.Title == title).ToListAsync());
        return Assert.Single(list);
    }

    /// <summary>The e-mail work item carries exactly the message's title, body and link.</summary>
    private async Task AssertMailedAsync(InboxMessage m)
    {
        var payloads = await App.WithDbAsync(db => db.Set<WorkItem>().AsNoTracking().Where(w => w.Kind == SendEmailJob.Kind).Select(w => w.Payload).ToListAsync());
        Assert.Contains(payloads.Select(p => JsonSerializer.Deserialize<EmailPayload>(p)!), p => p.UserId == m.UserId && p.Subject == m.Title && p.Body == m.Body && p.Link == m.Link);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.IntegrationTests.Violations;
using TrainEval.Web.Modules.Exams.Attempts;
using TrainEval.Web.Modules.Exams.Content;
using TrainEval.Web.Modules.Exams.Makeup;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Notifications;
using static TrainEval.IntegrationTests.Exams.ExamFlow;

namespace TrainEval.IntegrationTests.Exams;

/// <summary>Makeups (MKP-01) through the pages: rules, applications, approval into a makeup sitting, separate results. Learners 970–989.</summary>
public sealed class MakeupTests(ExamsFixture f) : IClassFixture<ExamsFixture>
{
    private TestApp App => f.App;
    private const string Manage = "/workbench/exams/makeup";

    private async Task PublishRulesAsync(int max = 1, int windowDays = 30, string fee = "150", bool absent = true, bool platform = false)
    {
        var staff = await f.StaffAsync();
        var projectId = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Enrollment.Project>().Where(p => p.Code == "SSI-SWIM-4").Select(p => p.Id).SingleAsync());
        var fields = new Dictionary<string, string>
        {
            ["Rules.ProjectId"] = projectId.ToString(), ["Rules.AllowFailed"] = "true", ["Rules.MaxMakeups"] = max.ToString(),
            ["Rules.WindowDays"] = windowDays.ToString(), ["Rules.Fee"] = fee, ["Rules.Payee"] = "示例体育职业技能评价中心", ["Rules.Notes"] = "补考安排在成绩发布后一个月内。",
        };
        if (absent) fields["Rules.AllowAbsent"] = "true";
        if (platform) fields["Rules.AllowPlatformInterruption"] = "true";
        EnrollmentFlow.Redirects(await staff.PostFormAsync(Manage, fields, "Rules"));
    }

    /// <summary>A learner who sat a sitting, submitted nothing (0 points) and whose failing result was published.</summary>
    private async Task<(Candidate C, Guid Sitting, Guid Attempt)> FailedAsync(string seq)
    {
        var c = await ReadyLearnerAsync(App, seq);
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 60, windowMinutes: 70);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        await VerifyAndSignAsync(f, c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(75));
        await RunJobAsync<CloseOverdueAttemptsJob>(App);
        await PublishAsync(staff, sitting, e.AttemptId);
        var attempt = await AttemptAsync(App, e.AttemptId);
        Assert.Equal((ResultState.Published, false), (attempt.ResultState, attempt.Passed));
        return (c, sitting, e.AttemptId);
    }

    private static async Task PublishAsync(HttpClient staff, Guid sitting, Guid attempt)
        => EnrollmentFlow.Redirects(await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}/review",
            new Dictionary<string, string> { ["AttemptId"] = attempt.ToString(), ["Outcome"] = "Confirm", ["Reason"] = "复核无异常，确认发布" }, "Decide"));

    private static Task<HttpResponseMessage> ApplyAsync(Candidate c, Guid sitting, string statement = "")
        => c.Client.PostFormAsync($"/my/exams/{sitting}/makeup", new Dictionary<string, string> { ["Statement"] = statement });

    private Task<List<MakeupApplication>> ApplicationsAsync(Guid learnerId)
        => App.WithDbAsync(db => db.Set<MakeupApplication>().AsNoTracking().Where(a => a.LearnerId == learnerId).ToListAsync());

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient staff, Guid application, Guid sitting, string payment = "")
        => staff.PostFormAsync(Manage, new Dictionary<string, string>
        {
            ["ApplicationId"] = application.ToString(), ["SittingId"] = sitting.ToString(), ["PaymentReference"] = payment, ["Note"] = "",
        }, "Approve");

    private Task<bool> IsCandidateAsync(Guid learnerId, Guid sitting)
        => App.WithDbAsync(db => db.Set<SittingCandidate>().AnyAsync(c => c.SittingId == sitting && c.LearnerId == learnerId && c.RemovedAtUtc == null));

    /// <summary>Moves the clock in 5-hour steps with a request from each client, so the 8-hour sliding sign-in stays valid.</summary>
    private async Task AdvanceKeepingSessionsAsync(TimeSpan total, params HttpClient[] clients)
    {
        for (var left = total; left > TimeSpan.Zero; left -= TimeSpan.FromHours(5))
        {
            App.Clock.Advance(left < TimeSpan.FromHours(5) ? left : TimeSpan.FromHours(5));
            foreach (var client in clients)
            {
                var r = await client.GetAsync("/my/messages");
                Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode} {r.Headers.Location}");
            }
        }
    }

    private Task<List<InboxMessage>> InboxAsync(Guid learnerId, string title)
        => App.WithDbAsync(db => db.Set<InboxMessage>().AsNoTracking().Where(m => m.UserId == learnerId && m.Title == title).ToListAsync());

    [Fact]
    public async Task MKP_01_failed_learner_applies_within_window_and_is_added_to_makeup_sitting()
    {
        await PublishRulesAsync(fee: "150");
        var (c, sitting, attempt) = await FailedAsync("970");
        var staff = await f.StaffAsync();

        Assert.Contains("data-testid=\"to-makeup\"", await c.Client.GetStringAsync($"/my/exams/{sitting}"));
        var page = await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup");
        Assert.Contains("每科目最多补考 1 次", page);                          // the published rules in force are shown
        Assert.Contains("补考费 150 元", page);
        Assert.Contains("data-testid=\"makeup-apply\"", page);

        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal((MakeupStatus.Pending, MakeupCase.Failed, attempt, 15000L), (application.Status, application.Case, application.SourceAttemptId, application.FeeFen));
        Assert.Contains("已有待审核或已批准的补考申请", await (await ApplyAsync(c, sitting)).Content.ReadAsStringAsync());   // no second one
        Assert.Single(await ApplicationsAsync(c.LearnerId));

        var list = await staff.GetStringAsync(Manage);
        Assert.Contains($"data-application=\"{application.Id}\"", list);
        var makeup = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromDays(3), makeup: true, batch: "2026年第4批补考");
        var exam = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromDays(3), batch: "2026年第5批");

        // The fee must be confirmed; only a makeup sitting of the same subject is accepted; nothing changes on refusal.
        Assert.Contains("缴费凭证号", await (await ApproveAsync(staff, application.Id, makeup)).Content.ReadAsStringAsync());
        Assert.Contains("补考场次", await (await ApproveAsync(staff, application.Id, exam, "WX20261126001")).Content.ReadAsStringAsync());
        Assert.False(await IsCandidateAsync(c.LearnerId, makeup));
        Assert.Equal(MakeupStatus.Pending, Assert.Single(await ApplicationsAsync(c.LearnerId)).Status);

        EnrollmentFlow.Redirects(await ApproveAsync(staff, application.Id, makeup, "WX20261126001"));
        Assert.True(await IsCandidateAsync(c.LearnerId, makeup));
        application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal((MakeupStatus.Approved, makeup, "WX20261126001"), (application.Status, application.MakeupSittingId, application.PaymentReference));
        var message = Assert.Single(await InboxAsync(c.LearnerId, "补考申请已批准"));
        Assert.Contains("重新完成身份核验", message.Body);
        Assert.Equal($"/my/exams/{makeup}", message.Link);
        Assert.Contains("makeup-sitting-link", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Audit.AuditEntry>().CountAsync(a => a.Action == "exams.makeup.approved" && a.SubjectId == application.Id.ToString())));

        // The makeup sitting's entry asks for its own identity check (context "makeup") and commitment.
        using var scope = App.Services.CreateScope();
        var requirement = await scope.ServiceProvider.GetRequiredService<IExamEntryApi>().GetEntryRequirementAsync(c.LearnerId, makeup, default);
        Assert.Equal("makeup", requirement!.CheckContext);
    }

    [Fact]
    public async Task MKP_01_only_a_cancellation_marked_as_platform_caused_opens_a_makeup()
    {
        await PublishRulesAsync(fee: "0", platform: true);
        var staff = await f.StaffAsync();
        async Task<(Candidate C, Guid Sitting)> CancelledAsync(string seq, bool platform)
        {
            var (c, sitting, attempt) = await FailedAsync(seq);
            var form = new Dictionary<string, string> { ["AttemptId"] = attempt.ToString(), ["Outcome"] = "Cancel", ["Reason"] = "平台原因：考试服务器故障导致考生无法作答" };
            if (platform) form["PlatformCaused"] = "true";
            EnrollmentFlow.Redirects(await staff.PostFormAsync($"/workbench/exams/sittings/{sitting}/review", form, "Decide"));
            var stored = await AttemptAsync(App, attempt);
            Assert.Equal((ResultState.Cancelled, platform ? CancelCause.Platform : CancelCause.Other), (stored.ResultState, stored.CancelCause));
            return (c, sitting);
        }

        // The note's wording alone does not make a platform interruption: the reviewer's explicit mark does.
        var (other, otherSitting) = await CancelledAsync("976", platform: false);
        Assert.Contains("不属于可申请补考的情形", await (await ApplyAsync(other, otherSitting, "服务器故障")).Content.ReadAsStringAsync());
        Assert.Empty(await ApplicationsAsync(other.LearnerId));

        var (hit, hitSitting) = await CancelledAsync("977", platform: true);
        EnrollmentFlow.Redirects(await ApplyAsync(hit, hitSitting, "考试中途平台故障，成绩已取消。"));
        Assert.Equal(MakeupCase.PlatformInterruption, Assert.Single(await ApplicationsAsync(hit.LearnerId)).Case);
    }

    [Fact]
    public async Task MKP_01_absent_learner_states_a_reason_and_staff_may_refuse_it()
    {
        await PublishRulesAsync(fee: "0");
        var c = await ReadyLearnerAsync(App, "971");
        var staff = await f.StaffAsync();
        var sitting = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 60, windowMinutes: 70);
        await AddAsync(staff, sitting, c);
        await PrepareAsync(staff, sitting);
        App.Clock.Advance(TimeSpan.FromMinutes(95));                       // never entered: absent

        Assert.Contains("data-testid=\"to-makeup\"", await c.Client.GetStringAsync($"/my/exams/{sitting}"));
        Assert.Contains("缺考或中断的原因", await (await ApplyAsync(c, sitting)).Content.ReadAsStringAsync());
        Assert.Empty(await ApplicationsAsync(c.LearnerId));
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting, "考试当天突发急性肠胃炎住院，附医院证明。"));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal(MakeupCase.Absent, application.Case);
        var evalAdmin = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "eval.admin").Select(u => u.Id).SingleAsync());
        Assert.Contains(await InboxAsync(evalAdmin, "新的补考申请"), m => m.Body.Contains("缺考") && m.Link == "/workbench/exams/makeup");

        var refuse = new Dictionary<string, string> { ["ApplicationId"] = application.Id.ToString(), ["Reason"] = "" };
        Assert.Contains("不予批准的理由", await (await staff.PostFormAsync(Manage, refuse, "Refuse")).Content.ReadAsStringAsync());
        refuse["Reason"] = "未提供医院证明，缺考理由不成立。";
        EnrollmentFlow.Redirects(await staff.PostFormAsync(Manage, refuse, "Refuse"));
        application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal(MakeupStatus.Refused, application.Status);
        Assert.Contains("缺考理由不成立", Assert.Single(await InboxAsync(c.LearnerId, "补考申请未获批准")).Body);
        Assert.Contains("缺考理由不成立", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));
    }

    [Fact]
    public async Task MKP_01_no_makeup_after_serious_violation()
    {
        await PublishRulesAsync(fee: "0");
        var (c, sitting, _) = await FailedAsync("972");
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));

        // A tier-2 act (cheating) is then confirmed through the violations pages (four-eyes).
        var proctor = await ViolationsKit.StaffAsync(App, "eval.proctor");
        var staff = await f.StaffAsync();
        var violation = await ViolationsKit.RecordedAsync(proctor, new Dictionary<string, string>
        {
            ["LearnerId"] = c.LearnerId.ToString(), ["ProjectId"] = c.ProjectId.ToString(), ["SittingId"] = sitting.ToString(), ["ActCode"] = "2-1",
            ["Tier"] = "", ["RaiseReason"] = "", ["Facts"] = "考后复核发现该考生在线上考试期间由他人在旁传递答案，监控录像清晰可辨。",
            ["OccurredAt"] = ViolationsKit.ChinaNow(App, 60),
        });
        EnrollmentFlow.Redirects(await ViolationsKit.DecideAsync(staff, violation, "Confirm", "录像与复核记录一致"));

        var makeup = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromDays(2), makeup: true, batch: "2026年第4批补考");
        var refused = await ApproveAsync(staff, application.Id, makeup);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不得安排补考", await refused.Content.ReadAsStringAsync());
        Assert.False(await IsCandidateAsync(c.LearnerId, makeup));
        Assert.Equal(MakeupStatus.Pending, Assert.Single(await ApplicationsAsync(c.LearnerId)).Status);

        var page = await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup");
        Assert.Contains("不得安排补考", page);
        Assert.DoesNotContain("data-testid=\"makeup-apply\"", page);
    }

    [Fact]
    public async Task MKP_01_count_and_window_enforced()
    {
        await PublishRulesAsync(max: 1, windowDays: 3, fee: "0");
        var late = await FailedAsync("973");
        var (c, sitting, _) = await FailedAsync("974");
        var staff = await f.StaffAsync();

        // Count: the one makeup allowed is used (approved, then absent from it); the makeup's absence cannot be made up again.
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        var makeup = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromHours(1), makeup: true, windowMinutes: 70, batch: "2026年第4批补考");
        EnrollmentFlow.Redirects(await ApproveAsync(staff, application.Id, makeup));
        await PrepareAsync(staff, makeup);
        await AdvanceKeepingSessionsAsync(TimeSpan.FromHours(3), late.C.Client, c.Client, staff);
        var page = await c.Client.GetStringAsync($"/my/exams/{makeup}/makeup");
        Assert.Contains("补考次数已用完", page);
        Assert.Contains("补考次数已用完", await (await ApplyAsync(c, makeup, "补考当天网络故障")).Content.ReadAsStringAsync());
        Assert.Single(await ApplicationsAsync(c.LearnerId));

        // Window: three days after the result was published the application is closed.
        await AdvanceKeepingSessionsAsync(TimeSpan.FromDays(3), late.C.Client, staff);
        Assert.Contains("已超过补考申请期限", await late.C.Client.GetStringAsync($"/my/exams/{late.Sitting}/makeup"));
        var refused = await ApplyAsync(late.C, late.Sitting);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("已超过补考申请期限", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await ApplicationsAsync(late.C.LearnerId));
    }

    [Fact]
    public async Task MKP_01_makeup_result_kept_separate()
    {
        await PublishRulesAsync(fee: "0");
        var (c, sitting, first) = await FailedAsync("975");
        var staff = await f.StaffAsync();
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var makeup = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromMinutes(20), duration: 60, windowMinutes: 70, minSubmit: 0, batch: "2026年第4批补考", makeup: true);
        EnrollmentFlow.Redirects(await ApproveAsync(staff, Assert.Single(await ApplicationsAsync(c.LearnerId)).Id, makeup));
        await PrepareAsync(staff, makeup);

        // A new identity check for the makeup: the first sitting's check does not open it (IDV-02, EC-01).
        f.Verification.Pass(c.LearnerId, "exam", makeup);
        Assert.Contains("door-verify", await c.Client.GetStringAsync($"/my/exams/{makeup}"));
        await VerifyAndSignAsync(f, c, makeup, "makeup");
        App.Clock.Advance(TimeSpan.FromMinutes(21));
        var e = await EnterAsync(c, makeup);
        Assert.NotEqual(first, e.AttemptId);
        var layout = (await AttemptAsync(App, e.AttemptId)).Layout();
        var ids = layout.Select(l => l.Q).ToList();
        var keys = await App.WithDbAsync(db => db.Set<ExamQuestion>().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.AnswerKey));
        foreach (var item in layout)
        {
            var canonical = keys[item.Q].Split(',').Select(int.Parse).ToHashSet();
            var shown = Enumerable.Range(0, item.O.Length).Where(p => canonical.Contains(item.O[p])).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(c.Client, e, item.Q, 1, shown)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(c.Client, e)).StatusCode);
        await PublishAsync(staff, makeup, e.AttemptId);

        var firstAttempt = await AttemptAsync(App, first);
        var makeupAttempt = await AttemptAsync(App, e.AttemptId);
        Assert.Equal((sitting, 0m, false, ResultState.Published), (firstAttempt.SittingId, firstAttempt.Score!.Value, firstAttempt.Passed!.Value, firstAttempt.ResultState));
        Assert.Equal((makeup, 100m, true, ResultState.Published), (makeupAttempt.SittingId, makeupAttempt.Score!.Value, makeupAttempt.Passed!.Value, makeupAttempt.ResultState));

        // Both results on the learner's result page, in order, the makeup's counting — from either sitting's page.
        foreach (var from in new[] { sitting, makeup })
        {
            var page = await c.Client.GetStringAsync($"/my/exams/{from}/makeup");
            var firstAt = page.IndexOf($"data-attempt=\"{first}\" data-kind=\"exam\"", StringComparison.Ordinal);
            var makeupAt = page.IndexOf($"data-attempt=\"{e.AttemptId}\" data-kind=\"makeup\"", StringComparison.Ordinal);
            Assert.True(firstAt > 0 && makeupAt > firstAt, "first attempt listed before the makeup");
            var counts = page.IndexOf("data-testid=\"result-counts\"", StringComparison.Ordinal);
            Assert.True(counts > makeupAt, "the makeup's result counts");
            Assert.Equal(1, page.Split("result-counts").Length - 1);
            Assert.DoesNotContain("data-testid=\"makeup-apply\"", page);
        }
    }
}

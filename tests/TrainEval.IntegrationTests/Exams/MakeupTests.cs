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
using TrainEval.Web.Modules.Payments;
using TrainEval.Web.Modules.Payments.Public;
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

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient staff, Guid application, Guid sitting)
        => staff.PostFormAsync(Manage, new Dictionary<string, string>
        {
            ["ApplicationId"] = application.ToString(), ["SittingId"] = sitting.ToString(), ["Note"] = "",
        }, "Approve");

    private Task<PaymentOrder> OrderOfAsync(Guid application)
        => App.WithDbAsync(db => db.Set<PaymentOrder>().AsNoTracking().Include(o => o.Lines)
            .Where(o => o.Purpose == PaymentPurpose.MakeupFee && o.ReferenceId == application).OrderByDescending(o => o.CreatedAtUtc).FirstAsync());

    /// <summary>A learner's button on the application page (PayFee, Withdraw) for one application; expects the redirect and returns its target.</summary>
    private static async Task<string> OnApplicationAsync(Candidate c, Guid sitting, Guid application, string handler)
    {
        var r = await c.Client.PostFormAsync($"/my/exams/{sitting}/makeup", new Dictionary<string, string> { ["ApplicationId"] = application.ToString() }, handler);
        EnrollmentFlow.Redirects(r);
        return r.Headers.Location!.OriginalString;
    }

    /// <summary>「支付补考费」 on the application page, then the sandbox payment on the pay page; the paid order.</summary>
    private async Task<PaymentOrder> PayFeeAsync(Candidate c, Guid sitting, Guid application)
    {
        var url = await OnApplicationAsync(c, sitting, application, "PayFee");
        EnrollmentFlow.Redirects(await c.Client.PostFormAsync(url, new Dictionary<string, string>(), "Simulate"));
        var order = await OrderOfAsync(application);
        Assert.Equal(OrderStatus.Paid, order.Status);
        return order;
    }

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

        // The fee must be paid; only a makeup sitting of the same subject is accepted; nothing changes on refusal.
        Assert.Contains("尚未缴清", await (await ApproveAsync(staff, application.Id, makeup)).Content.ReadAsStringAsync());
        var order = await PayFeeAsync(c, sitting, application.Id);
        Assert.Contains("补考场次", await (await ApproveAsync(staff, application.Id, exam)).Content.ReadAsStringAsync());
        Assert.False(await IsCandidateAsync(c.LearnerId, makeup));
        Assert.Equal(MakeupStatus.Pending, Assert.Single(await ApplicationsAsync(c.LearnerId)).Status);

        EnrollmentFlow.Redirects(await ApproveAsync(staff, application.Id, makeup));
        Assert.True(await IsCandidateAsync(c.LearnerId, makeup));
        application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal((MakeupStatus.Approved, makeup, MakeupFeeSettlement.Online, order.OrderNo, order.TransactionId),
            (application.Status, application.MakeupSittingId, application.FeeSettlement, application.FeeOrderNo, application.PaymentReference));
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

    // ---- the makeup fee through the payments module (MKP-01, PAY-02..05). Learners 978–981. ----

    private Task<Guid> UserIdAsync(string login) => App.WithDbAsync(db => db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task MKP_01_makeup_fee_is_paid_through_the_payment_module_before_approval()
    {
        await PublishRulesAsync(fee: "150");
        var (c, sitting, _) = await FailedAsync("978");
        var staff = await f.StaffAsync();
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));

        var page = await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup");
        Assert.Contains("支付补考费 ¥150.00", page);
        var manage = await staff.GetStringAsync(Manage);
        Assert.Contains("未缴费", manage);
        Assert.Contains("name=\"Rules.Fee\" value=\"150\"", manage);   // a new version starts from the current one

        // 支付补考费 opens one order in the payments module and leads to its pay page (with the way back); asking again reuses it.
        var url = await OnApplicationAsync(c, sitting, application.Id, "PayFee");
        var order = await OrderOfAsync(application.Id);
        Assert.StartsWith($"/my/orders/{order.OrderNo}/pay?back=", url);
        await OnApplicationAsync(c, sitting, application.Id, "PayFee");
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<PaymentOrder>().CountAsync(o => o.ReferenceId == application.Id)));
        var evaluation = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Enrollment.Project>().Where(p => p.Id == c.ProjectId).Select(p => p.EvaluationInstitutionId).SingleAsync());
        Assert.Equal((OrderStatus.Pending, 15000L, evaluation, "示例体育职业技能评价中心"), (order.Status, order.TotalFen, order.InstitutionId, Assert.Single(order.Lines).Payee));
        var payPage = await c.Client.GetStringAsync(url);
        Assert.Contains("data-testid=\"order-qr\"", payPage);
        Assert.Contains("补考费", payPage);
        Assert.Contains($"/my/exams/{sitting}/makeup", payPage);                    // the way back
        foreach (var handler in new[] { "Simulate", "Query" })                          // ... kept by the sandbox payment's and the status query's forms
            Assert.Contains(System.Text.RegularExpressions.Regex.Matches(payPage, "action=\"([^\"]*)\"").Select(m => m.Groups[1].Value),
                action => action.Contains($"handler={handler}") && action.Contains("back="));
        Assert.NotEqual(HttpStatusCode.OK, (await (await f.StaffAsync()).GetAsync(url)).StatusCode);   // only the payer's own order

        // Paid through the sandbox's signed, encrypted notification (the real verifier); the application shows 已缴费 with order and time.
        EnrollmentFlow.Redirects(await c.Client.PostFormAsync(url, new Dictionary<string, string>(), "Simulate"));
        order = await OrderOfAsync(application.Id);
        Assert.Equal(OrderStatus.Paid, order.Status);
        page = await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup");
        Assert.Contains("data-testid=\"makeup-fee-paid\"", page);
        Assert.Contains("已缴费", page);
        Assert.Contains(order.OrderNo, page);
        Assert.Contains(ExamAttempts.Cst(order.PaidAtUtc!.Value), page);
        Assert.DoesNotContain("data-testid=\"makeup-pay\"", page);
        Assert.Contains("补考费", Assert.Single(await InboxAsync(c.LearnerId, "缴费成功"), m => m.Body.Contains(order.OrderNo)).Body);

        // The receipt and the evaluation institution's finance desk name the purpose; the enrollment's own order page is untouched.
        var receipt = await c.Client.GetStringAsync($"/my/orders/{order.OrderNo}");
        Assert.Contains("data-testid=\"receipt-purpose\">补考费", receipt);
        Assert.Contains("评价机构", receipt);
        var finance = await staff.GetStringAsync("/workbench/finance");
        Assert.Contains($"data-order=\"{order.OrderNo}\"", finance);
        Assert.Contains("data-testid=\"paid-order-purpose\">补考费", finance);
        var enrollmentId = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Enrollment.EnrollmentApplication>()
            .Where(e => e.LearnerId == c.LearnerId && e.ProjectId == c.ProjectId).Select(e => e.Id).SingleAsync());
        Assert.Equal(enrollmentId, order.EnrollmentId);
        var enrollmentOrder = await c.Client.GetStringAsync($"/my/enrollments/{enrollmentId}/order");
        Assert.DoesNotContain(order.OrderNo, enrollmentOrder);
        using (var scope = App.Services.CreateScope())
        {
            var status = await scope.ServiceProvider.GetRequiredService<IPaymentsApi>().StatusAsync(enrollmentId, default);
            Assert.NotEqual(order.OrderNo, status.OrderNo);                         // enrollment fees are judged on enrollment orders only
        }

        // Approval now records that the fee was paid online, with the order and transaction.
        var makeup = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromDays(3), makeup: true, batch: "2026年第6批补考");
        EnrollmentFlow.Redirects(await ApproveAsync(staff, application.Id, makeup));
        application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal((MakeupFeeSettlement.Online, order.OrderNo, order.TransactionId, order.PaidAtUtc, (Guid?)null),
            (application.FeeSettlement, application.FeeOrderNo, application.PaymentReference, application.FeePaidAtUtc, application.FeeConfirmedBy));
        Assert.Contains("在线支付", Assert.Single(await InboxAsync(c.LearnerId, "补考申请已批准")).Body);
    }

    [Fact]
    public async Task MKP_01_offline_makeup_fee_confirmation_is_recorded_with_who_and_reference()
    {
        await PublishRulesAsync(fee: "150");
        var (c, sitting, _) = await FailedAsync("979");
        var staff = await f.StaffAsync();
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        // The learner opened an online order but paid at the counter instead.
        await OnApplicationAsync(c, sitting, application.Id, "PayFee");
        var online = await OrderOfAsync(application.Id);

        // Only finance staff (payments.confirm) of the evaluation institution may confirm; a training finance officer cannot reach the desk.
        var trainingFinance = await StaffAsync(App, "train.finance");
        Assert.Contains("AccessDenied", (await trainingFinance.GetAsync(Manage)).Headers.Location?.OriginalString);
        Assert.Contains("data-testid=\"makeup-offline-form\"", await staff.GetStringAsync(Manage));

        async Task<HttpResponseMessage> ConfirmAsync(string reference, string note) => await staff.PostFormAsync(Manage, new Dictionary<string, string>
            { ["ApplicationId"] = application.Id.ToString(), ["OfflineReference"] = reference, ["OfflineNote"] = note }, "OfflineFee");
        Assert.Contains("收据号", await (await ConfirmAsync("x", "现金")).Content.ReadAsStringAsync());
        Assert.Contains("收款方式", await (await ConfirmAsync("SJ20261126-0042", "")).Content.ReadAsStringAsync());
        Assert.Equal(OrderStatus.Pending, (await OrderOfAsync(application.Id)).Status);

        EnrollmentFlow.Redirects(await ConfirmAsync("SJ20261126-0042", "现金，评价中心前台收讫"));
        var admin = await UserIdAsync("eval.admin");
        var order = await OrderOfAsync(application.Id);
        Assert.Equal((online.Id, OrderStatus.Paid, PaymentMethod.OfflineTransfer, "OFFLINE-SJ20261126-0042"), (order.Id, order.Status, order.Method, order.TransactionId));
        var payment = await App.WithDbAsync(db => db.Set<PaymentTransaction>().SingleAsync(t => t.OrderId == order.Id));
        Assert.Equal((TransactionSource.Offline, (Guid?)admin, "现金，评价中心前台收讫", false), (payment.Source, payment.RecordedBy, payment.Note, payment.Duplicate));
        var audit = await App.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Audit.AuditEntry>().SingleAsync(a => a.Action == "payment.offline_confirmed" && a.SubjectId == order.OrderNo));
        Assert.Equal(admin, audit.ActorUserId);
        Assert.Contains("SJ20261126-0042", audit.Detail);
        Assert.Contains("已登记过", await (await ConfirmAsync("SJ20261126-0042", "再次确认")).Content.ReadAsStringAsync());
        Assert.Contains("无需确认线下缴费", await (await ConfirmAsync("SJ20261126-0043", "再次确认")).Content.ReadAsStringAsync());
        Assert.Contains("线下缴费（财务确认）", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));
        Assert.Contains("线下缴费", await c.Client.GetStringAsync($"/my/orders/{order.OrderNo}"));

        var makeup = await SittingAsync(App, staff, c.ProjectId, TimeSpan.FromDays(3), makeup: true, batch: "2026年第7批补考");
        EnrollmentFlow.Redirects(await ApproveAsync(staff, application.Id, makeup));
        application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        Assert.Equal((MakeupFeeSettlement.Offline, order.OrderNo, "SJ20261126-0042", (Guid?)admin),
            (application.FeeSettlement, application.FeeOrderNo, application.PaymentReference, application.FeeConfirmedBy));
        Assert.Contains("线下缴费", await staff.GetStringAsync(Manage));
    }

    [Fact]
    public async Task PAY_05_makeup_order_callback_is_idempotent()
    {
        await PublishRulesAsync(fee: "150");
        var (c, sitting, _) = await FailedAsync("980");
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        await OnApplicationAsync(c, sitting, application.Id, "PayFee");
        var order = await OrderOfAsync(application.Id);

        // The same signed notification delivered three times (WeChat retries), then a second, different payment of the same order.
        var platform = App.Services.GetRequiredService<TrainEval.Web.Modules.Payments.WeChatPay.SandboxPlatform>();
        var paid = App.Services.GetRequiredService<TrainEval.Web.Modules.Payments.WeChatPay.SandboxWeChatPay>().PayOrder(order.OrderNo)!;
        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var scope = App.Services.CreateScope();
            var r = await scope.ServiceProvider.GetRequiredService<NotificationHandler>().HandleAsync(h => paid.Headers.TryGetValue(h, out var v) ? v : null, paid.Body, "test", default);
            Assert.True(r.Accept);
            outcomes.Add(r.Outcome);
        }
        Assert.Equal(nameof(PaymentRecordResult.Paid), outcomes[0]);
        Assert.All(outcomes.Skip(1), o => Assert.Equal(nameof(PaymentRecordResult.AlreadyProcessed), o));
        var second = platform.BuildPaidNotification(order.OrderNo, order.TotalFen, "4200000000000000980");
        using (var scope = App.Services.CreateScope())
            Assert.Equal(nameof(PaymentRecordResult.DuplicatePayment),
                (await scope.ServiceProvider.GetRequiredService<NotificationHandler>().HandleAsync(h => second.Headers.TryGetValue(h, out var v) ? v : null, second.Body, "test", default)).Outcome);

        order = await OrderOfAsync(application.Id);
        Assert.Equal(OrderStatus.Paid, order.Status);
        var payments = await App.WithDbAsync(db => db.Set<PaymentTransaction>().Where(t => t.OrderId == order.Id).ToListAsync());
        Assert.Equal(2, payments.Count);
        Assert.Single(payments, t => t.Duplicate && t.TransactionId == "4200000000000000980");
        Assert.Single(await InboxAsync(c.LearnerId, "缴费成功"), m => m.Body.Contains(order.OrderNo));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Audit.AuditEntry>().CountAsync(a => a.Action == "payment.paid" && a.SubjectId == order.OrderNo)));
        // Finance of the evaluation institution sees the duplicate, labelled as a makeup fee, for a one-click refund.
        var finance = await (await f.StaffAsync()).GetStringAsync("/workbench/finance");
        Assert.Contains($"订单 {order.OrderNo}（补考费）", finance);
    }

    [Fact]
    public async Task MKP_01_a_makeup_fee_paid_offline_is_refunded_offline_with_how_it_was_returned()
    {
        await PublishRulesAsync(fee: "150");
        var (c, sitting, _) = await FailedAsync("984");
        var staff = await f.StaffAsync();
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        await OnApplicationAsync(c, sitting, application.Id, "PayFee");
        EnrollmentFlow.Redirects(await staff.PostFormAsync(Manage, new Dictionary<string, string>
            { ["ApplicationId"] = application.Id.ToString(), ["OfflineReference"] = "SJ20261127-0984", ["OfflineNote"] = "现金，评价中心前台收讫" }, "OfflineFee"));
        var order = await OrderOfAsync(application.Id);
        Assert.Equal((OrderStatus.Paid, PaymentMethod.OfflineTransfer), (order.Status, order.Method));
        EnrollmentFlow.Redirects(await staff.PostFormAsync(Manage, new Dictionary<string, string>
            { ["ApplicationId"] = application.Id.ToString(), ["Reason"] = "补考场次已满，本期不再安排。" }, "Refuse"));
        var refund = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Payments.Refunds.Refund>().SingleAsync(r => r.OrderId == order.Id));

        // The gateway never saw this money: approving without saying how it is returned is refused and changes nothing.
        var refused = await staff.PostFormAsync("/workbench/finance", new Dictionary<string, string> { ["RefundId"] = refund.Id.ToString(), ["Note"] = "" }, "Approve");
        Assert.Contains("线下退回", await refused.Content.ReadAsStringAsync());
        refund = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Payments.Refunds.Refund>().SingleAsync(r => r.Id == refund.Id));
        Assert.Equal(TrainEval.Web.Modules.Payments.Refunds.RefundStatus.Requested, refund.Status);
        Assert.Equal(OrderStatus.Paid, (await OrderOfAsync(application.Id)).Status);

        EnrollmentFlow.Redirects(await staff.PostFormAsync("/workbench/finance", new Dictionary<string, string>
            { ["RefundId"] = refund.Id.ToString(), ["Note"] = "现金退回，退款收据 TK-0984" }, "Approve"));
        refund = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Payments.Refunds.Refund>().SingleAsync(r => r.Id == refund.Id));
        Assert.Equal((TrainEval.Web.Modules.Payments.Refunds.RefundStatus.Succeeded, "", "现金退回，退款收据 TK-0984"),
            (refund.Status, refund.GatewayRefundId ?? "", refund.DecisionNote));
        Assert.Equal(OrderStatus.Refunded, (await OrderOfAsync(application.Id)).Status);
        var approved = await App.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Audit.AuditEntry>().SingleAsync(a => a.Action == "refund.approved" && a.SubjectId == order.OrderNo));
        Assert.Contains("\"gateway\":\"offline\"", approved.Detail);
        Assert.Contains("由机构线下退回：现金退回，退款收据 TK-0984", Assert.Single(await InboxAsync(c.LearnerId, "退费已受理")).Body);
        Assert.Contains("data-testid=\"makeup-fee-refunded\"", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));
    }

    [Fact]
    public async Task MKP_01_refused_makeup_with_a_paid_fee_is_refunded_through_finance_without_touching_the_enrollment()
    {
        await PublishRulesAsync(fee: "150");
        var (c, sitting, _) = await FailedAsync("981");
        var staff = await f.StaffAsync();
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting));
        var application = Assert.Single(await ApplicationsAsync(c.LearnerId));
        var order = await PayFeeAsync(c, sitting, application.Id);

        EnrollmentFlow.Redirects(await staff.PostFormAsync(Manage, new Dictionary<string, string>
            { ["ApplicationId"] = application.Id.ToString(), ["Reason"] = "补考场次已满，本期不再安排。" }, "Refuse"));
        var refund = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Payments.Refunds.Refund>().SingleAsync(r => r.OrderId == order.Id));
        Assert.Equal((TrainEval.Web.Modules.Payments.Refunds.RefundKind.MakeupNotHeld, 15000L, TrainEval.Web.Modules.Payments.Refunds.RefundStatus.Requested),
            (refund.Kind, refund.AmountFen, refund.Status));
        Assert.Contains(refund.OutRefundNo, Assert.Single(await InboxAsync(c.LearnerId, "补考申请未获批准")).Body);
        // Until finance decides, the learner sees the fee as paid with its refund pending, not just 已缴费.
        Assert.Contains("data-testid=\"makeup-fee-refund-state\">退费申请待财务审批", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));
        var desk = await staff.GetStringAsync("/workbench/finance");
        Assert.Contains("data-testid=\"refund-purpose\">补考费", desk);
        Assert.Contains("补考未安排", desk);

        EnrollmentFlow.Redirects(await staff.PostFormAsync("/workbench/finance", new Dictionary<string, string> { ["RefundId"] = refund.Id.ToString(), ["Note"] = "补考未安排，全额退回" }, "Approve"));
        Assert.Equal(OrderStatus.Refunded, (await OrderOfAsync(application.Id)).Status);
        var enrollment = await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Enrollment.EnrollmentApplication>().SingleAsync(e => e.LearnerId == c.LearnerId && e.ProjectId == c.ProjectId));
        Assert.NotEqual(TrainEval.Web.Modules.Enrollment.EnrollmentStatus.Cancelled, enrollment.Status);   // only the makeup fee is refunded
        Assert.True(await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Learning.CourseActivation>().AnyAsync(a => a.EnrollmentId == enrollment.Id && a.ClosedAtUtc == null)));
        Assert.Contains("data-testid=\"makeup-fee-refunded\"", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));

        // A learner who withdraws with an unpaid order: the order is closed, nothing to refund, and the learner may apply again.
        EnrollmentFlow.Redirects(await ApplyAsync(c, sitting, "重新申请"));
        var again = (await ApplicationsAsync(c.LearnerId)).Single(a => a.Status == MakeupStatus.Pending);
        await OnApplicationAsync(c, sitting, again.Id, "PayFee");
        await OnApplicationAsync(c, sitting, again.Id, "Withdraw");
        Assert.Equal(MakeupStatus.Withdrawn, (await ApplicationsAsync(c.LearnerId)).Single(a => a.Id == again.Id).Status);
        Assert.Equal(OrderStatus.Closed, (await OrderOfAsync(again.Id)).Status);
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<TrainEval.Web.Modules.Payments.Refunds.Refund>().CountAsync(r => r.LearnerId == c.LearnerId)));
        Assert.Contains("data-testid=\"makeup-apply\"", await c.Client.GetStringAsync($"/my/exams/{sitting}/makeup"));
    }
}

using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Payments;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Modules.Violations;
using TrainEval.Web.Platform.Audit;
using static TrainEval.IntegrationTests.Infrastructure.EnrollmentFlow;

namespace TrainEval.IntegrationTests.Enrollment;

public sealed class EnrollmentFlowTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public EnrollmentFlowTests(TestAppFixture fixture) => app = fixture.App;

    private async Task<HttpClient> ReviewerAsync()
    {
        var r = app.Browser();
        await r.LoginAsync("train.reviewer");
        return r;
    }

    [Fact]
    public async Task ENR_02_public_project_page_discloses_rules_fees_and_refunds_before_enrollment()
    {
        var html = await app.Browser().GetStringAsync("/projects/SSI-SWIM-4");
        foreach (var text in new[] { "培训费", "¥1,680.00", "理论与技能考核费", "收款单位", "退费规则", "补考规则", "证书规则", "学习有效期", "报名材料", "自愿" })
            Assert.Contains(text, html);
    }

    [Fact]
    public async Task Full_journey_enroll_pay_resubmit_approve_activates_the_course()
    {
        var learner = await NewLearnerAsync(app, "101");
        var enrollmentId = await SubmitAsync(app, learner);
        var app1 = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().SingleAsync(a => a.Id == enrollmentId));
        Assert.Equal(EnrollmentStatus.Submitted, app1.Status);
        Assert.NotNull(app1.DeclaredAtUtc);                                   // ENR-06: declaration recorded
        Assert.False(string.IsNullOrEmpty(app1.DeclarationDevice));

        var order = await OrderAsync(app, learner, enrollmentId);
        Assert.Equal(2, order.Lines.Count);                                    // PAY-01: only the mandatory fees by default
        Assert.Equal(168000 + 32000, order.TotalFen);

        var reviewer = await ReviewerAsync();
        var early = await DecideAsync(reviewer, enrollmentId, "Approved", "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);    // REV-01: payment confirmed first
        Assert.Contains("尚未确认缴费", await early.Content.ReadAsStringAsync());

        await PaySandboxAsync(learner, enrollmentId);
        Assert.Equal(OrderStatus.Paid, await app.WithDbAsync(db => db.Set<PaymentOrder>().Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));
        var receipt = await learner.GetStringAsync($"/my/orders/{order.OrderNo}");
        Assert.Contains("交易单号", receipt);
        Assert.Contains("¥2,000.00", receipt);

        Redirects(await DecideAsync(reviewer, enrollmentId, "Resubmit", "证件照背景不符合要求", "photo"));
        var page = await learner.GetStringAsync(ApplyUrl);
        Assert.Contains("证件照背景不符合要求", page);
        var wrongItem = await UploadAsync(learner, "education", Pdf(), "again.pdf");
        Assert.Contains("未要求补正该项材料", await wrongItem.Content.ReadAsStringAsync());
        var tooEarly = await StepAsync(learner, "Resubmit");
        Assert.Contains("请先重新上传", await tooEarly.Content.ReadAsStringAsync());
        Redirects(await UploadAsync(learner, "photo", Png(color: SkiaSharp.SKColors.White), "photo2.png"));
        Redirects(await StepAsync(learner, "Resubmit"));

        Redirects(await DecideAsync(reviewer, enrollmentId, "Approved", "材料齐全"));
        var activation = await app.WithDbAsync(db => db.Set<CourseActivation>().SingleAsync(a => a.EnrollmentId == enrollmentId));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddDays(365), activation.LearningValidUntilUtc);   // ACT-01

        var projectId = app1.ProjectId;
        var journey = await learner.GetStringAsync($"/my/projects/{projectId}");
        foreach (var step in new[] { "enroll", "pay", "review", "activation" })
            Assert.Contains($"data-testid=\"journey-step-{step}\" data-state=\"done\"", journey);
        Assert.Contains("data-testid=\"journey-step-learning\" data-state=\"current\"", journey);
        var course = await learner.GetStringAsync($"/my/courses/{projectId}");   // ACT-01: what the opened course shows
        foreach (var text in new[] { "社会体育指导员（游泳）四级", "开通日期", "学习有效期至", "回看有效期至", "水上安全与救护", "考前练习", "020-80000002" })
            Assert.Contains(text, course);
        var messages = await learner.GetStringAsync("/my/messages");
        Assert.Contains("报名需补正材料", messages);
        Assert.Contains("报名审核通过", messages);

        var decisions = await app.WithDbAsync(db => db.Set<ReviewDecision>().Where(d => d.EnrollmentId == enrollmentId).CountAsync());
        Assert.Equal(2, decisions);   // REV-02: both decisions kept
        var superseded = await app.WithDbAsync(db => db.Set<EnrollmentMaterial>().CountAsync(m => m.EnrollmentId == enrollmentId && m.SupersededAtUtc != null));
        Assert.Equal(1, superseded);  // the replaced photo stays, marked superseded
    }

    [Fact]
    public async Task ENR_05_a_second_enrollment_in_the_same_project_is_blocked()
    {
        var learner = await NewLearnerAsync(app, "102");
        await SubmitAsync(app, learner);
        var before = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().CountAsync());
        // The wizard shows the status instead of a new form; a forged second start finds the live enrollment.
        var page = await learner.GetStringAsync(ApplyUrl);
        Assert.Contains("报名状态", page);
        await app.WithDbAsync(async db => { await db.Set<EnrollmentApplication>().Where(a => a.Status == EnrollmentStatus.Submitted).CountAsync(); return 0; });
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<EnrollmentApplication>().CountAsync()));
    }

    [Fact]
    public async Task VIO_02_a_banned_learner_cannot_enroll()
    {
        var learner = await NewLearnerAsync(app, "103");
        var userId = await app.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Auth.AppUser>().Where(u => u.PhoneMasked == "137****0103").Select(u => u.Id).SingleAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            db.Set<Ban>().Add(Ban.Create(userId, 3, now.AddDays(-1), now.AddYears(2), "替考（三级违纪）", Guid.NewGuid()));
            return await db.SaveChangesAsync();
        });
        var response = await StepAsync(learner, "Start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("因违纪处理", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<EnrollmentApplication>().AnyAsync(a => a.LearnerId == userId)));
    }

    [Fact]
    public async Task ENR_03_disguised_executables_oversized_files_and_scripted_pdfs_are_refused()
    {
        var learner = await NewLearnerAsync(app, "104");
        Redirects(await StepAsync(learner, "Start"));
        Redirects(await StepAsync(learner, "Conditions", new() { ["ConditionsConfirmed"] = "true" }));
        Redirects(await StepAsync(learner, "Personal", new() { ["Region"] = "广州", ["Employer"] = "游泳馆", ["Education"] = "高中/中专/技校" }));
        var before = await app.WithDbAsync(db => db.Set<EnrollmentMaterial>().CountAsync());

        var exe = Encoding.ASCII.GetBytes("MZ\u0090\0This program cannot be run in DOS mode").Concat(new byte[2000]).ToArray();
        var r1 = await UploadAsync(learner, "photo", exe, "photo.jpg");
        Assert.Contains("无法识别的文件类型", await r1.Content.ReadAsStringAsync());
        var r2 = await UploadAsync(learner, "photo", Pdf(), "photo.png");
        Assert.Contains("只接受 JPG、PNG 格式", await r2.Content.ReadAsStringAsync());
        var scripted = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n");
        var r3 = await UploadAsync(learner, "education", scripted, "diploma.pdf");
        Assert.Contains("脚本", await r3.Content.ReadAsStringAsync());
        var huge = Png(3000, 3000, SkiaSharp.SKColors.Red).Concat(new byte[3 * 1024 * 1024]).ToArray();
        var r4 = await UploadAsync(learner, "photo", huge, "big.png");
        Assert.Contains("文件过大", await r4.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<EnrollmentMaterial>().CountAsync()));

        // A valid image is re-encoded: the stored bytes are a fresh PNG, not the upload.
        var original = Png().Concat(Encoding.ASCII.GetBytes("<?php system($_GET['c']); ?>")).ToArray();
        Redirects(await UploadAsync(learner, "photo", original, "photo.png"));
        var learnerId = await app.WithDbAsync(db => db.Set<TrainEval.Web.Platform.Auth.AppUser>().Where(u => u.PhoneMasked == "137****0104").Select(u => u.Id).SingleAsync());
        var stored = await app.WithDbAsync(db => (from m in db.Set<EnrollmentMaterial>()
                                                  join a in db.Set<EnrollmentApplication>() on m.EnrollmentId equals a.Id
                                                  where a.LearnerId == learnerId select m).SingleAsync());
        var file = await learner.GetByteArrayAsync($"/files/materials/{stored.Id}");
        Assert.DoesNotContain("<?php", Encoding.ASCII.GetString(file));
        Assert.Equal("image/png", stored.ContentType);

        // Another learner cannot open it.
        var other = await NewLearnerAsync(app, "105");
        var denied = await other.GetAsync($"/files/materials/{stored.Id}");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("AccessDenied", denied.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ENR_02_enrollment_after_the_window_closes_is_refused()
    {
        var learner = await NewLearnerAsync(app, "106");
        var closes = await app.WithDbAsync(db => db.Set<ProjectVersion>().Select(v => v.EnrollmentClosesAtUtc).FirstAsync());
        var past = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await app.WithDbAsync(db => db.Set<ProjectVersion>().ExecuteUpdateAsync(s => s.SetProperty(v => v.EnrollmentClosesAtUtc, past)));
        try
        {
            var response = await StepAsync(learner, "Start");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("报名已于", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.WithDbAsync(db => db.Set<ProjectVersion>().ExecuteUpdateAsync(s => s.SetProperty(v => v.EnrollmentClosesAtUtc, closes)));
        }
    }

    [Fact]
    public async Task ENR_01_steps_cannot_be_skipped_by_posting_later_steps()
    {
        var learner = await NewLearnerAsync(app, "107");
        var submit = await StepAsync(learner, "Submit", new() { ["Truthful"] = "true", ["RulesKnown"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submit.StatusCode);
        Redirects(await StepAsync(learner, "Start"));
        var personal = await StepAsync(learner, "Personal", new() { ["Region"] = "广州", ["Employer"] = "x", ["Education"] = "本科" });
        Assert.Contains("请按顺序完成", await personal.Content.ReadAsStringAsync());
        var conditions = await StepAsync(learner, "Conditions");
        Assert.Contains("请逐项确认", await conditions.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PAY_01_optional_fees_are_added_only_when_chosen_and_foreign_fees_are_refused()
    {
        var learner = await NewLearnerAsync(app, "108");
        var enrollmentId = await SubmitAsync(app, learner);
        var url = $"/my/enrollments/{enrollmentId}/order";
        var page = await learner.GetStringAsync(url);
        var forged = await learner.PostAsync(url + "?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = Forms.Token(page), ["OptionalFees"] = Guid.NewGuid().ToString() }));
        Assert.Contains("不属于本项目公示的可选项目", await forged.Content.ReadAsStringAsync());
        var book = await app.WithDbAsync(db => db.Set<ProjectFee>().Where(f => !f.Mandatory).Select(f => f.Id).SingleAsync());
        var order = await OrderAsync(app, learner, enrollmentId, book);
        Assert.Equal(3, order.Lines.Count);
        Assert.Equal(168000 + 32000 + 8500, order.TotalFen);
    }

    [Fact]
    public async Task PAY_05_twenty_concurrent_copies_of_one_notification_pay_the_order_exactly_once()
    {
        var learner = await NewLearnerAsync(app, "109");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        var sandbox = app.Services.GetRequiredService<SandboxWeChatPay>();
        var notification = sandbox.PayOrder(order.OrderNo)!;
        var auditBefore = await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "payment.paid"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, PaymentsModule.NotifyPath) { Content = new StringContent(notification.Body, Encoding.UTF8, "application/json") };
            foreach (var (k, v) in notification.Headers) request.Headers.TryAddWithoutValidation(k, v);
            return await app.Browser().SendAsync(request);
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PaymentTransaction>().CountAsync(t => t.OrderId == order.Id)));
        Assert.Equal(auditBefore + 1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == "payment.paid")));
        Assert.Equal(OrderStatus.Paid, await app.WithDbAsync(db => db.Set<PaymentOrder>().Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));
        Assert.Equal(20, await app.WithDbAsync(db => db.Set<PaymentNotificationLog>().CountAsync(l => l.OrderNo == order.OrderNo)));
    }

    [Fact]
    public async Task PAY_03_forged_stale_and_mismatched_notifications_change_nothing()
    {
        var learner = await NewLearnerAsync(app, "110");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        var platform = app.Services.GetRequiredService<SandboxPlatform>();

        async Task<HttpResponseMessage> Post(string body, IReadOnlyDictionary<string, string> headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, PaymentsModule.NotifyPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
            return await app.Browser().SendAsync(request);
        }

        var genuine = platform.BuildPaidNotification(order.OrderNo, order.TotalFen, "4200000000000000001");
        var tampered = genuine.Body.Replace("\"TRANSACTION.SUCCESS\"", "\"TRANSACTION.SUCCESS\" ");
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(tampered, genuine.Headers)).StatusCode);            // body changed after signing

        var stale = new Dictionary<string, string>(genuine.Headers) { ["Wechatpay-Timestamp"] = app.Clock.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds().ToString() };
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(genuine.Body, stale)).StatusCode);                  // replay of an old notification

        var unknownSerial = new Dictionary<string, string>(genuine.Headers) { ["Wechatpay-Serial"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1" };
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(genuine.Body, unknownSerial)).StatusCode);

        var cheap = platform.BuildPaidNotification(order.OrderNo, 1, "4200000000000000002");
        Assert.Equal(HttpStatusCode.OK, (await Post(cheap.Body, cheap.Headers)).StatusCode);                    // authentic, acknowledged, but…
        Assert.Equal(OrderStatus.Pending, await app.WithDbAsync(db => db.Set<PaymentOrder>().Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "payment.amount_mismatch" && a.SubjectId == order.OrderNo)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PaymentTransaction>().CountAsync(t => t.OrderId == order.Id)));

        Assert.Equal(HttpStatusCode.OK, (await Post(genuine.Body, genuine.Headers)).StatusCode);
        var second = platform.BuildPaidNotification(order.OrderNo, order.TotalFen, "4200000000000000003");
        Assert.Equal(HttpStatusCode.OK, (await Post(second.Body, second.Headers)).StatusCode);                 // a second, different payment
        var txs = await app.WithDbAsync(db => db.Set<PaymentTransaction>().Where(t => t.OrderId == order.Id).ToListAsync());
        Assert.Equal(2, txs.Count);
        Assert.Single(txs, t => t.Duplicate);                                                                   // PAY-05: flagged for refund
        Assert.Equal("4200000000000000001", await app.WithDbAsync(db => db.Set<PaymentOrder>().Where(o => o.Id == order.Id).Select(o => o.TransactionId).SingleAsync()));
    }

    [Fact]
    public async Task REV_03_reviewers_see_overdue_cases_and_other_institutions_cannot_open_them()
    {
        var learner = await NewLearnerAsync(app, "111");
        var enrollmentId = await SubmitAsync(app, learner);
        var longAgo = app.Clock.GetUtcNow().UtcDateTime.AddHours(-73);
        await app.WithDbAsync(db => db.Set<EnrollmentApplication>().Where(a => a.Id == enrollmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SubmittedAtUtc, longAgo)));
        var queue = await (await ReviewerAsync()).GetStringAsync("/workbench/reviews");
        Assert.Contains("已超时", queue);
        var evaluation = app.Browser();
        await evaluation.LoginAsync("eval.admin");   // BAT-10: evaluation staff never see training-side reviews
        Assert.NotEqual(HttpStatusCode.OK, (await evaluation.GetAsync($"/workbench/reviews/{enrollmentId}")).StatusCode);
    }

    [Fact]
    public async Task REV_02_rejection_needs_a_reason_and_closes_the_enrollment_so_the_learner_may_apply_again()
    {
        var learner = await NewLearnerAsync(app, "112");
        var enrollmentId = await SubmitAsync(app, learner);
        var reviewer = await ReviewerAsync();
        var noReason = await DecideAsync(reviewer, enrollmentId, "Rejected", "");
        Assert.Contains("须写明理由", await noReason.Content.ReadAsStringAsync());
        Redirects(await DecideAsync(reviewer, enrollmentId, "Rejected", "学历证明与本人信息不符"));
        var a = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().SingleAsync(x => x.Id == enrollmentId));
        Assert.Equal(EnrollmentStatus.Rejected, a.Status);
        Assert.Null(a.ActiveKey);
        Assert.Contains("学历证明与本人信息不符", await learner.GetStringAsync("/my/messages"));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainEval.IntegrationTests.Infrastructure;
using TrainEval.Web.Modules.Enrollment;
using TrainEval.Web.Modules.Learning;
using TrainEval.Web.Modules.Payments;
using TrainEval.Web.Modules.Payments.Refunds;
using TrainEval.Web.Modules.Payments.WeChatPay;
using static TrainEval.IntegrationTests.Infrastructure.EnrollmentFlow;

namespace TrainEval.IntegrationTests.Enrollment;

public sealed class PaymentsTests : IClassFixture<TestAppFixture>
{
    private readonly TestApp app;
    public PaymentsTests(TestAppFixture fixture) => app = fixture.App;

    private async Task<HttpClient> StaffAsync(string login)
    {
        var c = app.Browser();
        await c.LoginAsync(login);
        return c;
    }

    [Fact]
    public async Task PAY_03_reconciliation_records_a_payment_whose_notification_never_came_and_closes_expired_orders()
    {
        var learner = await NewLearnerAsync(app, "201");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        var lost = app.Services.GetRequiredService<SandboxWeChatPay>().PayOrder(order.OrderNo);   // paid at the gateway; the notification is "lost"
        Assert.NotNull(lost);

        var other = await NewLearnerAsync(app, "202");
        var otherEnrollment = await SubmitAsync(app, other);
        var unpaid = await OrderAsync(app, other, otherEnrollment);

        app.Clock.Advance(TimeSpan.FromHours(3));   // both past the query threshold, the unpaid one past its 2-hour expiry
        using (var scope = app.Services.CreateScope())
        {
            var (paid, closed, errors) = await scope.ServiceProvider.GetRequiredService<ReconcilePaymentsJob>().RunOnceAsync(CancellationToken.None);
            Assert.Equal(0, errors);
            Assert.True(paid >= 1);
            Assert.True(closed >= 1);
        }
        Assert.Equal(OrderStatus.Paid, await Status(order.Id));
        Assert.Equal(OrderStatus.Closed, await Status(unpaid.Id));
        Assert.Equal(TransactionSource.Query, await app.WithDbAsync(db => db.Set<PaymentTransaction>().Where(t => t.OrderId == order.Id).Select(t => t.Source).SingleAsync()));

        // WeChat's retry of the lost notification arrives afterwards (fresh timestamp, same transaction): acknowledged, no change.
        lost = app.Services.GetRequiredService<SandboxWeChatPay>().PayOrder(order.OrderNo);
        using var scope2 = app.Services.CreateScope();
        var handler = scope2.ServiceProvider.GetRequiredService<NotificationHandler>();
        var result = await handler.HandleAsync(n => lost!.Headers.TryGetValue(n, out var v) ? v : null, lost!.Body, "test", CancellationToken.None);
        Assert.True(result.Accept);
        Assert.Equal(OrderStatus.Paid, await Status(order.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PaymentTransaction>().CountAsync(t => t.OrderId == order.Id)));
    }

    private Task<OrderStatus> Status(Guid orderId) => app.WithDbAsync(db => db.Set<PaymentOrder>().Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync());

    [Fact]
    public async Task PAY_04_refund_before_activation_is_full_and_closes_the_enrollment()
    {
        var learner = await NewLearnerAsync(app, "203");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        await PaySandboxAsync(learner, enrollmentId);

        var requested = await learner.PostFormAsync($"/my/enrollments/{enrollmentId}/order", new Dictionary<string, string> { ["RefundReason"] = "工作调动，无法参加培训" }, "Refund");
        Redirects(requested);
        var refund = await app.WithDbAsync(db => db.Set<Refund>().SingleAsync(r => r.OrderId == order.Id));
        Assert.Equal(order.TotalFen, refund.AmountFen);
        Assert.Contains("全额", refund.Formula);

        var finance = await StaffAsync("train.finance");
        Redirects(await finance.PostFormAsync("/workbench/finance", new Dictionary<string, string> { ["RefundId"] = refund.Id.ToString(), ["Note"] = "符合规则" }, "Approve"));
        Assert.Equal(RefundStatus.Succeeded, await app.WithDbAsync(db => db.Set<Refund>().Where(r => r.Id == refund.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(OrderStatus.Refunded, await Status(order.Id));
        var enrollment = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().SingleAsync(a => a.Id == enrollmentId));
        Assert.Equal(EnrollmentStatus.Cancelled, enrollment.Status);        // ACT-02: refund closes the enrollment
        Assert.Contains("退费已受理", await learner.GetStringAsync("/my/messages"));
    }

    [Fact]
    public async Task PAY_04_refund_after_activation_follows_the_published_percentage_and_revokes_course_access()
    {
        var learner = await NewLearnerAsync(app, "204");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        await PaySandboxAsync(learner, enrollmentId);
        Redirects(await DecideAsync(await StaffAsync("train.reviewer"), enrollmentId, "Approved", "通过"));
        Assert.True(await app.WithDbAsync(db => db.Set<CourseActivation>().AnyAsync(a => a.EnrollmentId == enrollmentId && a.ClosedAtUtc == null)));

        Redirects(await learner.PostFormAsync($"/my/enrollments/{enrollmentId}/order", new Dictionary<string, string> { ["RefundReason"] = "个人原因" }, "Refund"));
        var refund = await app.WithDbAsync(db => db.Set<Refund>().SingleAsync(r => r.OrderId == order.Id));
        Assert.Equal(168000 * 50 / 100 + 32000, refund.AmountFen);            // 50 % of the training fee + the unbooked exam fee
        Redirects(await (await StaffAsync("train.finance")).PostFormAsync("/workbench/finance",
            new Dictionary<string, string> { ["RefundId"] = refund.Id.ToString(), ["Note"] = "" }, "Approve"));
        var activation = await app.WithDbAsync(db => db.Set<CourseActivation>().SingleAsync(a => a.EnrollmentId == enrollmentId));
        Assert.NotNull(activation.ClosedAtUtc);                                  // ACT-02: access revoked
        var project = await app.WithDbAsync(db => db.Set<EnrollmentApplication>().Where(a => a.Id == enrollmentId).Select(a => a.ProjectId).SingleAsync());
        var journey = await learner.GetStringAsync($"/my/projects/{project}");
        Assert.Contains("data-testid=\"journey-step-enroll\" data-state=\"current\"", journey);
    }

    [Fact]
    public async Task PAY_05_finance_refunds_a_duplicate_payment_with_one_click_without_closing_the_enrollment()
    {
        var learner = await NewLearnerAsync(app, "205");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        var platform = app.Services.GetRequiredService<SandboxPlatform>();
        using (var scope = app.Services.CreateScope())
        {
            var handler = scope.ServiceProvider.GetRequiredService<NotificationHandler>();
            var first = app.Services.GetRequiredService<SandboxWeChatPay>().PayOrder(order.OrderNo)!;   // paid at the gateway
            await handler.HandleAsync(h => first.Headers.TryGetValue(h, out var v) ? v : null, first.Body, "test", CancellationToken.None);
            var second = platform.BuildPaidNotification(order.OrderNo, order.TotalFen, "4200000000000000902");  // a second payment
            await handler.HandleAsync(h => second.Headers.TryGetValue(h, out var v) ? v : null, second.Body, "test", CancellationToken.None);
        }
        var finance = await StaffAsync("train.finance");
        var page = await finance.GetStringAsync("/workbench/finance");
        Assert.Contains("4200000000000000902", page);
        Redirects(await finance.PostFormAsync("/workbench/finance", new Dictionary<string, string>
            { ["OrderNo"] = order.OrderNo, ["TransactionId"] = "4200000000000000902" }, "RefundDuplicate"));
        var refund = await app.WithDbAsync(db => db.Set<Refund>().SingleAsync(r => r.OrderId == order.Id));
        Assert.Equal(RefundKind.DuplicatePayment, refund.Kind);
        Assert.Equal(OrderStatus.Paid, await Status(order.Id));                 // the first payment stands
        Assert.Equal(EnrollmentStatus.Submitted, await app.WithDbAsync(db => db.Set<EnrollmentApplication>().Where(a => a.Id == enrollmentId).Select(a => a.Status).SingleAsync()));
        var after = await finance.GetStringAsync("/workbench/finance");
        Assert.DoesNotContain("一键退回", after.Split("金额不符")[0]);
    }

    [Fact]
    public async Task PAY_03_finance_confirms_an_offline_transfer_with_reference_and_bank_slip()
    {
        var learner = await NewLearnerAsync(app, "206");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        var finance = await StaffAsync("train.finance");

        async Task<HttpResponseMessage> Post(string amount, byte[]? slip)
        {
            var page = await finance.GetStringAsync("/workbench/finance");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(Forms.Token(page)), "__RequestVerificationToken" }, { new StringContent(order.OrderNo), "OrderNo" },
                { new StringContent("BOC20261125001"), "BankReference" }, { new StringContent(amount), "Amount" }, { new StringContent("某单位"), "Payer" },
            };
            if (slip is not null) form.Add(new ByteArrayContent(slip), "Attachment", "slip.png");
            return await finance.PostAsync("/workbench/finance?handler=Transfer", form);
        }

        var wrongAmount = await Post("100.00", Png());
        Assert.Contains("不一致", await wrongAmount.Content.ReadAsStringAsync());
        var noSlip = await Post((order.TotalFen / 100m).ToString("0.00"), null);
        Assert.Contains("银行回单", await noSlip.Content.ReadAsStringAsync());
        Assert.Equal(OrderStatus.Pending, await Status(order.Id));
        Redirects(await Post((order.TotalFen / 100m).ToString("0.00"), Png()));
        Assert.Equal(OrderStatus.Paid, await Status(order.Id));
        Assert.Equal(TransactionSource.Offline, await app.WithDbAsync(db => db.Set<PaymentTransaction>().Where(t => t.OrderId == order.Id).Select(t => t.Source).SingleAsync()));
    }

    [Fact]
    public async Task PAY_02_other_learners_cannot_see_a_receipt_or_an_order()
    {
        var learner = await NewLearnerAsync(app, "207");
        var enrollmentId = await SubmitAsync(app, learner);
        var order = await OrderAsync(app, learner, enrollmentId);
        var stranger = await NewLearnerAsync(app, "208");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/my/orders/{order.OrderNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/my/enrollments/{enrollmentId}/order")).StatusCode);
    }
}

using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Payments;

public enum PaymentRecordResult { Paid, AlreadyProcessed, DuplicatePayment, UnknownOrder, AmountMismatch, NotSuccessful }

/// <summary>
/// Turns a confirmed gateway transaction into a paid order exactly once (PAY-02, PAY-03, PAY-05). The unique index on
/// the transaction id and the conditional Pending→Paid update make repeated, re-ordered and concurrent notifications
/// harmless; a late notification or query never makes a paid order unpaid.
/// </summary>
public sealed class PaymentProcessor(AppDbContext db, AuditLog audit, INotificationsApi notifications, TimeProvider clock, ILogger<PaymentProcessor> log)
{
    /// <param name="recordedBy">For an offline payment: the finance staff member confirming it.</param>
    /// <param name="note">For an offline payment: what finance noted (kept with the transaction).</param>
    public async Task<PaymentRecordResult> RecordAsync(TransactionResource t, TransactionSource source, CancellationToken ct,
        Guid? recordedBy = null, string note = "")
    {
        if (!t.IsPaid || string.IsNullOrEmpty(t.TransactionId)) return PaymentRecordResult.NotSuccessful;
        var order = await db.Set<PaymentOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.OrderNo == t.OutTradeNo, ct);
        if (order is null) return PaymentRecordResult.UnknownOrder;
        var amount = t.Amount?.Total ?? -1;
        var now = clock.GetUtcNow().UtcDateTime;
        if (amount != order.TotalFen)
        {
            audit.RecordAs(null, "wechatpay", "", order.InstitutionId, "payment.amount_mismatch", "order", order.OrderNo,
                new { expected = order.TotalFen, reported = amount, transaction = t.TransactionId });
            await db.SaveChangesAsync(ct);
            return PaymentRecordResult.AmountMismatch;
        }
        var succeeded = t.SuccessTime?.UtcDateTime ?? now;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Set<PaymentOrder>()
            .Where(o => o.Id == order.Id && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Closed))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.PaidAtUtc, succeeded)
                .SetProperty(o => o.TransactionId, t.TransactionId!).SetProperty(o => o.PaidFen, amount), ct);
        var duplicate = moved == 0;
        if (!duplicate && source == TransactionSource.Offline)
            await db.Set<PaymentOrder>().Where(o => o.Id == order.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Method, PaymentMethod.OfflineTransfer), ct);
        db.Set<PaymentTransaction>().Add(new PaymentTransaction(order.Id, order.OrderNo, t.TransactionId!, amount, succeeded, now, source, duplicate,
            duplicate ? "订单已由另一笔交易支付：重复支付，待财务退款" : note, recordedBy));
        audit.RecordAs(recordedBy, source switch { TransactionSource.Query => "reconciliation", TransactionSource.Offline => "finance", _ => "wechatpay" }, "",
            order.InstitutionId, duplicate ? "payment.duplicate" : "payment.paid", "order", order.OrderNo,
            new { transaction = t.TransactionId, amount, source = source.ToString(), purpose = order.Purpose.ToString(), enrollmentId = order.EnrollmentId, order.ReferenceId });
        if (!duplicate) StagePaidNotice(order, amount);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // The same transaction id was recorded by a concurrent or earlier delivery: nothing more to do.
            log.LogInformation(ex, "Transaction {Transaction} already recorded", t.TransactionId);
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return PaymentRecordResult.AlreadyProcessed;
        }
        return duplicate ? PaymentRecordResult.DuplicatePayment : PaymentRecordResult.Paid;
    }

    /// <summary>Tells the learner the order is paid and what happens next, which depends on what the order paid for.</summary>
    public void StagePaidNotice(PaymentOrder order, long amountFen)
        => notifications.Stage(order.LearnerId, "缴费成功", $"订单 {order.OrderNo}（{PaymentOrder.PurposeName(order.Purpose)}）已支付 ¥{amountFen / 100m:#,##0.00}。"
            + NextSteps(order.Purpose), $"/my/orders/{order.OrderNo}");

    public static string NextSteps(Public.PaymentPurpose purpose) => purpose == Public.PaymentPurpose.MakeupFee
        ? "评价机构将审核您的补考申请，批准后安排补考场次并以站内消息通知；申请未获批准或撤回的，补考费全额退回。"
        : "培训机构将在公示的时限内审核您的报名。";
}

/// <summary>Verifies, decrypts, logs and processes one WeChat Pay notification (the HTTP endpoint and the sandbox both use it).</summary>
public sealed class NotificationHandler(WeChatPayNotificationParser parser, PaymentProcessor processor, AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public sealed record Result(bool Accept, string Outcome);

    public async Task<Result> HandleAsync(Func<string, string?> header, string body, string ip, CancellationToken ct)
    {
        var parsed = parser.Parse(header, body);
        var serial = header(WeChatPayHeaders.Serial) ?? "";
        string outcome;
        bool accept;
        if (!parsed.Succeeded)
        {
            // An authentic event we do not handle is acknowledged so WeChat stops retrying; anything unverified is refused.
            accept = parsed.IsAuthenticButUnsupported;
            outcome = "rejected:" + parsed.Rejection;
        }
        else if (parsed.Transaction is { } t)
        {
            var r = await processor.RecordAsync(t, TransactionSource.Notification, ct);
            outcome = r.ToString();
            accept = r != PaymentRecordResult.UnknownOrder;   // unknown orders are retried by WeChat and investigated
        }
        else
        {
            outcome = await Refunds.RefundHandler.SettleAsync(db, audit, parsed.Refund!, clock.GetUtcNow().UtcDateTime, ct);
            accept = true;
        }
        db.ChangeTracker.Clear();
        db.Set<PaymentNotificationLog>().Add(new PaymentNotificationLog(clock.GetUtcNow().UtcDateTime, parsed.Notification?.Id ?? "",
            parsed.Notification?.EventType ?? "", outcome, parsed.Transaction?.OutTradeNo ?? parsed.Refund?.OutTradeNo ?? "",
            parsed.Transaction?.TransactionId ?? "", serial, ip));
        await db.SaveChangesAsync(ct);
        return new Result(accept, outcome);
    }
}

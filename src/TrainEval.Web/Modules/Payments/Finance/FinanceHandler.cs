using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Modules.Payments.Refunds;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Payments.Finance;

public sealed record FinanceOverview(IReadOnlyList<Refund> RefundRequests, IReadOnlyList<PaymentTransaction> Duplicates,
    IReadOnlyList<PaymentNotificationLog> Mismatches, IReadOnlyList<PaymentOrder> StalePending, IReadOnlyList<PaymentOrder> RecentPaid,
    IReadOnlyList<Refund> RecentRefunds, IReadOnlyDictionary<string, PaymentPurpose> Purposes)
{
    /// <summary>报名费 / 补考费 of an order listed on the desk, so finance can reconcile each kind of income.</summary>
    public string PurposeOf(string orderNo) => PaymentOrder.PurposeName(Purposes.GetValueOrDefault(orderNo));
}

/// <summary>The finance desk (PAY-03, PAY-05): refund approvals, duplicate payments, amount mismatches, stale orders, offline transfers.</summary>
public sealed class FinanceHandler(AppDbContext db, PaymentProcessor processor, IFileStore files, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public async Task<FinanceOverview> OverviewAsync(CancellationToken ct)
    {
        var tenants = me.TenantIds.ToList();
        var orderIds = db.Set<PaymentOrder>().Where(o => tenants.Contains(o.InstitutionId)).Select(o => o.Id);
        var orderNos = db.Set<PaymentOrder>().Where(o => tenants.Contains(o.InstitutionId)).Select(o => o.OrderNo);
        var refunded = db.Set<Refund>().Where(r => r.Status != RefundStatus.Refused && r.Status != RefundStatus.Failed).Select(r => r.TransactionId);
        var stale = clock.GetUtcNow().UtcDateTime.AddMinutes(-30);
        var overview = new FinanceOverview(
            await db.Set<Refund>().AsNoTracking().Where(r => tenants.Contains(r.InstitutionId) && r.Status == RefundStatus.Requested).OrderBy(r => r.RequestedAtUtc).ToListAsync(ct),
            await db.Set<PaymentTransaction>().AsNoTracking().Where(t => t.Duplicate && orderIds.Contains(t.OrderId) && !refunded.Contains(t.TransactionId)).ToListAsync(ct),
            await db.Set<PaymentNotificationLog>().AsNoTracking().Where(l => l.Outcome == nameof(PaymentRecordResult.AmountMismatch) && orderNos.Contains(l.OrderNo))
                .OrderByDescending(l => l.Id).Take(50).ToListAsync(ct),
            await db.Set<PaymentOrder>().AsNoTracking().Where(o => tenants.Contains(o.InstitutionId) && o.Status == OrderStatus.Pending && o.CreatedAtUtc < stale)
                .OrderBy(o => o.CreatedAtUtc).Take(50).ToListAsync(ct),
            await db.Set<PaymentOrder>().AsNoTracking().Where(o => tenants.Contains(o.InstitutionId) && o.Status != OrderStatus.Pending && o.Status != OrderStatus.Closed)
                .OrderByDescending(o => o.PaidAtUtc).Take(50).ToListAsync(ct),
            await db.Set<Refund>().AsNoTracking().Where(r => tenants.Contains(r.InstitutionId) && r.Status != RefundStatus.Requested)
                .OrderByDescending(r => r.DecidedAtUtc).Take(50).ToListAsync(ct),
            new Dictionary<string, PaymentPurpose>());
        var listed = overview.RefundRequests.Select(r => r.OrderNo).Concat(overview.Duplicates.Select(t => t.OrderNo))
            .Concat(overview.RecentRefunds.Select(r => r.OrderNo)).Distinct().ToList();
        var purposes = await db.Set<PaymentOrder>().AsNoTracking().Where(o => listed.Contains(o.OrderNo)).Select(o => new { o.OrderNo, o.Purpose }).ToListAsync(ct);
        foreach (var o in overview.StalePending.Concat(overview.RecentPaid)) purposes.Add(new { o.OrderNo, o.Purpose });
        return overview with { Purposes = purposes.DistinctBy(p => p.OrderNo).ToDictionary(p => p.OrderNo, p => p.Purpose) };
    }

    /// <summary>Offline transfer (对公转账) confirmed by finance with the bank reference and a scan of the receipt.</summary>
    public async Task<Outcome<PaymentRecordResult>> ConfirmTransferAsync(string orderNo, string bankReference, decimal amountYuan, string payer,
        byte[]? attachment, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.OrderNo == (orderNo ?? "").Trim(), ct);
        if (order is null || !me.TenantIds.Contains(order.InstitutionId)) return Outcome<PaymentRecordResult>.Fail("OrderNo", "订单不存在或不属于本机构。");
        var reference = (bankReference ?? "").Trim();
        if (reference.Length is < 6 or > 40 || !reference.All(char.IsAsciiLetterOrDigit))
            return Outcome<PaymentRecordResult>.Fail("BankReference", "请填写 6–40 位银行流水号（字母或数字）。");
        var fen = (long)Math.Round(amountYuan * 100m);
        if (fen != order.TotalFen) return Outcome<PaymentRecordResult>.Fail("Amount", $"到账金额 ¥{amountYuan:0.00} 与订单金额 ¥{order.TotalFen / 100m:0.00} 不一致，请核实。");
        if (attachment is null || attachment.Length == 0) return Outcome<PaymentRecordResult>.Fail("Attachment", "请上传银行回单（图片或 PDF）。");
        var (inspected, problem) = UploadInspector.Inspect(attachment, ["jpg", "png", "pdf"], 5120);
        if (inspected is null) return Outcome<PaymentRecordResult>.Fail("Attachment", "银行回单：" + problem);
        var stored = await files.SaveAsync(new MemoryStream(inspected.Content), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await processor.RecordAsync(new TransactionResource
        {
            OutTradeNo = order.OrderNo, TransactionId = "OFFLINE-" + reference, TradeState = WeChatPayTradeStates.Success,
            Amount = new TransactionAmount { Total = fen, PayerTotal = fen, Currency = "CNY" }, SuccessTime = new DateTimeOffset(now, TimeSpan.Zero),
        }, TransactionSource.Offline, ct, me.RequiredUserId, $"对公转账，付款人：{(payer ?? "").Trim()}");
        audit.Record("payment.offline_confirmed", "order", order.OrderNo,
            new { bankReference = reference, fen, payer = (payer ?? "").Trim(), attachment = stored.Key, sha256 = stored.Sha256, result = result.ToString() }, order.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PaymentRecordResult>.Success(result);
    }
}

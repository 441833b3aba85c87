using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Payments.Pay;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Modules.Payments.Refunds;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Payments.MakeupFee;

/// <summary>
/// The makeup fee (补考费, MKP-01) through the payments module: an order per makeup application paid through the same gateway,
/// notification, reconciliation and receipt as enrollment fees; offline payment (counter cash or transfer) confirmed by finance
/// with reference, note, who and when; a refund request for finance when the makeup will not take place. The order belongs to
/// the evaluation institution that set the fee, so its finance sees it.
/// </summary>
internal sealed class MakeupFeeHandler(AppDbContext db, IEnrollmentApi enrollment, IWeChatPayGateway gateway, PaymentProcessor processor,
    AuditLog audit, CurrentUser me, TimeProvider clock, ILogger<MakeupFeeHandler> log) : IMakeupFeesApi
{
    private IQueryable<PaymentOrder> OrdersOf(Guid applicationId)
        => db.Set<PaymentOrder>().Where(o => o.Purpose == PaymentPurpose.MakeupFee && o.ReferenceId == applicationId);

    private Task<PaymentOrder?> LiveOrderAsync(Guid applicationId, CancellationToken ct)
        => OrdersOf(applicationId).Where(o => o.Status == OrderStatus.Pending || o.Status == OrderStatus.Paid)
            .OrderByDescending(o => o.Status == OrderStatus.Paid).ThenByDescending(o => o.CreatedAtUtc).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, PaymentStatus>> StatusAsync(IReadOnlyCollection<Guid> applicationIds, CancellationToken ct)
    {
        var ids = applicationIds.Select(id => (Guid?)id).ToList();
        var orders = await db.Set<PaymentOrder>().AsNoTracking().Where(o => o.Purpose == PaymentPurpose.MakeupFee && ids.Contains(o.ReferenceId)).ToListAsync(ct);
        var settled = orders.Where(o => o.Status is OrderStatus.Paid or OrderStatus.Refunding or OrderStatus.Refunded).Select(o => o.Id).ToList();
        var payments = (await db.Set<PaymentTransaction>().AsNoTracking().Where(t => settled.Contains(t.OrderId) && !t.Duplicate).ToListAsync(ct))
            .GroupBy(t => t.OrderId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.RecordedAtUtc).First());
        // A refund still open on a paid order (requested, in process, failed) is shown next to 已缴费, so the learner knows.
        var refunds = (await db.Set<Refunds.Refund>().AsNoTracking().Where(r => settled.Contains(r.OrderId)).ToListAsync(ct))
            .GroupBy(r => r.OrderId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RequestedAtUtc).First());
        var result = new Dictionary<Guid, PaymentStatus>();
        foreach (var group in orders.GroupBy(o => o.ReferenceId!.Value))
        {
            var o = group.OrderByDescending(x => settled.Contains(x.Id)).ThenByDescending(x => x.CreatedAtUtc).First();
            var t = payments.GetValueOrDefault(o.Id);
            var refundState = refunds.GetValueOrDefault(o.Id)?.Status switch
            {
                Refunds.RefundStatus.Requested => "退费申请待财务审批",
                Refunds.RefundStatus.Processing => "退费处理中",
                Refunds.RefundStatus.Failed => "退费未成功，财务跟进中",
                _ => "",
            };
            result[group.Key] = new PaymentStatus(o.Status == OrderStatus.Paid, o.PaidFen, o.PaidAtUtc, o.OrderNo, o.TransactionId, PaymentOrder.StatusName(o.Status),
                t?.Source == TransactionSource.Offline, t?.RecordedBy, t?.OfflineReference ?? "", o.Status is OrderStatus.Refunding or OrderStatus.Refunded, refundState);
        }
        return result;
    }

    public async Task<Outcome<string>> OpenOrderAsync(MakeupFeeOrder m, CancellationToken ct)
    {
        if (me.UserId != m.LearnerId) return Outcome<string>.Fail("", "补考申请不存在。");
        if (m.AmountFen <= 0) return Outcome<string>.Fail("", "本次补考不收取补考费。");
        var existing = await LiveOrderAsync(m.ApplicationId, ct);
        if (existing is not null) return Outcome<string>.Success(existing.OrderNo);
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await NewOrderAsync(m, now, ct);
        var created = await gateway.CreateNativeOrderAsync(order.OrderNo, CreateOrderHandler.GatewayDescription(order.Description), order.TotalFen,
            new DateTimeOffset(order.ExpiresAtUtc, TimeSpan.Zero), ct);
        if (!created.Succeeded)
            return Outcome<string>.Fail("", $"支付渠道暂时无法下单（{created.ErrorCode}），请稍后重试。", "payments.gateway_error");
        order.AttachCodeUrl(created.CodeUrl!);
        db.Set<PaymentOrder>().Add(order);
        audit.Record("payment.order_created", "order", order.OrderNo,
            new { purpose = order.Purpose.ToString(), applicationId = m.ApplicationId, total = order.TotalFen, sandbox = gateway.IsSandbox }, order.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Success(order.OrderNo);
    }

    public async Task<Outcome<PaymentStatus>> ConfirmOfflineAsync(MakeupFeeOrder m, string reference, string note, CancellationToken ct)
    {
        if (!me.Has(Permissions.Payments.Confirm) || !me.TenantIds.Contains(m.EvaluationInstitutionId))
            return Outcome<PaymentStatus>.Fail("", "只有本机构的财务人员可以确认线下缴费。", "payments.forbidden");
        if (m.AmountFen <= 0) return Outcome<PaymentStatus>.Fail("", "本次补考不收取补考费。");
        reference = (reference ?? "").Trim();
        if (reference.Length is < 4 or > 40 || !reference.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return Outcome<PaymentStatus>.Fail("OfflineReference", "请填写 4–40 位收据号或银行流水号（字母、数字或连字符）。");
        note = (note ?? "").Trim();
        if (note.Length is 0 or > 200) return Outcome<PaymentStatus>.Fail("OfflineNote", "请写明收款方式与经办情况（200 字以内），例如“现金，前台收讫”。");
        if (TextRules.TextError("说明", note, 200) is { } te) return Outcome<PaymentStatus>.Fail("OfflineNote", te);
        var transactionId = PaymentTransaction.OfflinePrefix + reference;
        if (await db.Set<PaymentTransaction>().AnyAsync(t => t.TransactionId == transactionId, ct))
            return Outcome<PaymentStatus>.Fail("OfflineReference", "该收据号 / 流水号已登记过，请核实。");
        var order = await LiveOrderAsync(m.ApplicationId, ct);
        if (order is { Status: OrderStatus.Paid })
            return Outcome<PaymentStatus>.Fail("", $"补考费已于 {order.PaidAtUtc?.AddHours(8):yyyy-MM-dd HH:mm} 支付（订单 {order.OrderNo}），无需确认线下缴费。");
        var now = clock.GetUtcNow().UtcDateTime;
        PaymentRecordResult result;
        if (order is null)
        {
            // No online order: an offline order is created already paid, with its transaction, in one save.
            order = await NewOrderAsync(m, now, ct);
            order.MarkOffline();
            order.SettleOffline(transactionId, m.AmountFen, now);
            db.Set<PaymentOrder>().Add(order);
            db.Set<PaymentTransaction>().Add(new PaymentTransaction(order.Id, order.OrderNo, transactionId, m.AmountFen, now, now, TransactionSource.Offline,
                false, note, me.RequiredUserId));
            processor.StagePaidNotice(order, m.AmountFen);
            result = PaymentRecordResult.Paid;
        }
        else
        {
            // The learner's pending online order is settled offline through the exactly-once path; a later gateway payment of
            // it is kept and flagged as a duplicate for finance to refund (PAY-05).
            result = await processor.RecordAsync(new TransactionResource
            {
                OutTradeNo = order.OrderNo, TransactionId = transactionId, TradeState = WeChatPayTradeStates.Success,
                Amount = new TransactionAmount { Total = order.TotalFen, PayerTotal = order.TotalFen, Currency = "CNY" },
                SuccessTime = new DateTimeOffset(now, TimeSpan.Zero),
            }, TransactionSource.Offline, ct, me.RequiredUserId, note);
            if (result != PaymentRecordResult.Paid) return Outcome<PaymentStatus>.Fail("", "订单状态已变化，请刷新后重试。");
            try { await gateway.CloseOrderAsync(order.OrderNo, ct); }
            catch (WeChatPayException ex) { log.LogWarning("Closing {Order} at the gateway after an offline payment failed: {Code}", order.OrderNo, ex.Code); }
        }
        audit.Record("payment.offline_confirmed", "order", order.OrderNo,
            new { purpose = PaymentPurpose.MakeupFee.ToString(), applicationId = m.ApplicationId, reference, note, fen = m.AmountFen, result = result.ToString() },
            m.EvaluationInstitutionId);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<PaymentStatus>.Fail("OfflineReference", "该收据号 / 流水号已登记过，请核实。"); }
        return Outcome<PaymentStatus>.Success(new PaymentStatus(true, m.AmountFen, now, order.OrderNo, transactionId, PaymentOrder.StatusName(OrderStatus.Paid),
            true, me.RequiredUserId, reference));
    }

    public async Task<string?> StageRefundAsync(Guid applicationId, string reason, CancellationToken ct)
    {
        var orders = await OrdersOf(applicationId).Include(o => o.Lines).ToListAsync(ct);
        foreach (var pending in orders.Where(o => o.CloseUnpaid()))
        {
            audit.Record("payment.order_closed", "order", pending.OrderNo, new { reason = "makeup_not_held", applicationId }, pending.InstitutionId);
            if (pending.Method == PaymentMethod.WeChatNative)
            {
                try { await gateway.CloseOrderAsync(pending.OrderNo, ct); }
                catch (WeChatPayException ex) { log.LogWarning("Closing {Order} at the gateway failed: {Code}", pending.OrderNo, ex.Code); }
            }
        }
        var paid = orders.FirstOrDefault(o => o.Status == OrderStatus.Paid);
        if (paid is null) return null;
        if (await db.Set<Refund>().AnyAsync(r => r.OrderId == paid.Id && r.Status != RefundStatus.Refused && r.Status != RefundStatus.Failed
                && r.Kind != RefundKind.DuplicatePayment, ct))
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        reason = reason.Length > 500 ? reason[..500] : reason;
        var refund = Refund.Request(RefundHandler.NewRefundNo(now), paid, RefundKind.MakeupNotHeld, paid.PaidFen, RefundHandler.MakeupFormula, reason, "",
            me.UserId, now);
        db.Set<Refund>().Add(refund);
        audit.Record("refund.requested", "order", paid.OrderNo,
            new { refund = refund.OutRefundNo, refund.AmountFen, refund.Formula, reason, kind = refund.Kind.ToString(), applicationId }, paid.InstitutionId);
        return refund.OutRefundNo;
    }

    private async Task<PaymentOrder> NewOrderAsync(MakeupFeeOrder m, DateTime now, CancellationToken ct)
    {
        var project = await enrollment.GetProjectAsync(m.ProjectId, ct);
        var enrolled = await enrollment.GetEnrollmentAsync(m.LearnerId, m.ProjectId, ct);
        return PaymentOrder.CreateMakeup(CreateOrderHandler.NewOrderNo(now), m, enrolled?.Id ?? Guid.Empty, project?.Name ?? "", now, CreateOrderHandler.Validity);
    }
}

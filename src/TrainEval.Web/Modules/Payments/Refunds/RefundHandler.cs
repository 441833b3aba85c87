using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Modules.Notifications.Public;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Payments.Refunds;

/// <summary>
/// Refunds (PAY-04, PAY-05). The amount follows the rule published with the enrollment's version: everything before the
/// course opens; after that the published percentage of the training fee plus the exam fee (not yet booked), nothing
/// for other items; everything when the institution is at fault. Finance approves; the gateway pays back; the
/// enrollment is closed and course access revoked in the same save.
/// </summary>
public sealed class RefundHandler(AppDbContext db, IEnrollmentApi enrollment, ILearningApi learning, IWeChatPayGateway gateway,
    INotificationsApi notifications, AuditLog audit, CurrentUser me, TimeProvider clock)
{
    public sealed record Quote(long AmountFen, string Formula);

    public const string MakeupFormula = "补考未获批准或已撤回：补考费全额退费";

    public async Task<Quote?> QuoteAsync(PaymentOrder order, bool institutionFault, CancellationToken ct)
    {
        if (order.Status != OrderStatus.Paid) return null;
        var paid = order.PaidFen;
        if (institutionFault) return new Quote(paid, "机构原因：全额退费");
        if (order.Purpose == Public.PaymentPurpose.MakeupFee) return new Quote(paid, MakeupFormula);
        var activation = await learning.GetActivationByEnrollmentAsync(order.EnrollmentId, ct);
        if (activation is null) return new Quote(paid, "课程开通前申请：全额退费");
        var terms = await enrollment.GetTermsAsync(order.EnrollmentId, ct);
        var kinds = terms?.Fees.ToDictionary(f => f.Id, f => f.Kind) ?? [];
        var percent = terms?.RefundPercentAfterActivation ?? 0;
        long amount = 0;
        var parts = new List<string>();
        foreach (var line in order.Lines)
        {
            var kind = kinds.GetValueOrDefault(line.FeeId, "");
            var part = kind switch { "培训费" => line.AmountFen * percent / 100, "考试费" => line.AmountFen, _ => 0 };
            amount += part;
            parts.Add($"{line.Name} ¥{line.AmountFen / 100m:0.00}×{(kind == "培训费" ? percent : kind == "考试费" ? 100 : 0)}%");
        }
        return new Quote(amount, "课程开通后申请：" + string.Join(" + ", parts));
    }

    public async Task<Outcome<Refund>> RequestAsync(string orderNo, string reason, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().Include(o => o.Lines).FirstOrDefaultAsync(o => o.OrderNo == orderNo && o.LearnerId == me.UserId, ct);
        if (order is null) return Outcome<Refund>.Fail("", "订单不存在。");
        if (order.Purpose == Public.PaymentPurpose.MakeupFee)
            return Outcome<Refund>.Fail("", "补考费的退费随补考申请办理：申请未获批准或撤回后，系统自动发起全额退费。");
        reason = (reason ?? "").Trim();
        if (reason.Length is 0 or > 500) return Outcome<Refund>.Fail("Reason", "请填写退费原因（500 字以内）。");
        if (TextRules.TextError("退费原因", reason, 500) is { } te) return Outcome<Refund>.Fail("Reason", te);
        if (await db.Set<Refund>().AnyAsync(r => r.OrderId == order.Id && (r.Status == RefundStatus.Requested || r.Status == RefundStatus.Processing), ct))
            return Outcome<Refund>.Fail("", "该订单已有处理中的退费申请。");
        var quote = await QuoteAsync(order, institutionFault: false, ct);
        if (quote is null) return Outcome<Refund>.Fail("", "只有已支付的订单可以申请退费。");
        var refund = Refund.Request(NewRefundNo(clock.GetUtcNow().UtcDateTime), order, RefundKind.LearnerRequest, quote.AmountFen, quote.Formula, reason, "",
            me.UserId, clock.GetUtcNow().UtcDateTime);
        db.Set<Refund>().Add(refund);
        audit.Record("refund.requested", "order", order.OrderNo, new { refund = refund.OutRefundNo, quote.AmountFen, quote.Formula, reason }, order.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Refund>.Success(refund);
    }

    /// <summary>Finance raises a refund for a duplicate payment (one click) or an institution-caused failure, and executes it.</summary>
    public async Task<Outcome<Refund>> RaiseAsync(string orderNo, RefundKind kind, string transactionId, string reason, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().Include(o => o.Lines).FirstOrDefaultAsync(o => o.OrderNo == orderNo, ct);
        if (order is null || !me.TenantIds.Contains(order.InstitutionId)) return Outcome<Refund>.Fail("", "订单不存在。");
        long amount;
        string formula;
        if (kind == RefundKind.DuplicatePayment)
        {
            var tx = await db.Set<PaymentTransaction>().FirstOrDefaultAsync(t => t.TransactionId == transactionId && t.OrderId == order.Id && t.Duplicate, ct);
            if (tx is null) return Outcome<Refund>.Fail("", "未找到该笔重复支付。");
            if (await db.Set<Refund>().AnyAsync(r => r.TransactionId == transactionId && r.Status != RefundStatus.Refused && r.Status != RefundStatus.Failed, ct))
                return Outcome<Refund>.Fail("", "该笔重复支付已在退款。");
            amount = tx.AmountFen;
            formula = "重复支付：全额退回该笔交易";
        }
        else
        {
            var quote = await QuoteAsync(order, institutionFault: true, ct);
            if (quote is null) return Outcome<Refund>.Fail("", "只有已支付的订单可以退费。");
            (amount, formula) = (quote.AmountFen, quote.Formula);
        }
        var refund = Refund.Request(NewRefundNo(clock.GetUtcNow().UtcDateTime), order, kind, amount, formula, reason, transactionId, me.UserId,
            clock.GetUtcNow().UtcDateTime);
        db.Set<Refund>().Add(refund);
        audit.Record("refund.raised", "order", order.OrderNo, new { refund = refund.OutRefundNo, kind = kind.ToString(), amount, transactionId }, order.InstitutionId);
        await db.SaveChangesAsync(ct);
        return await ApproveAsync(refund.Id, reason, ct);
    }

    public async Task<Outcome<Refund>> ApproveAsync(Guid refundId, string note, CancellationToken ct)
    {
        var refund = await db.Set<Refund>().FirstOrDefaultAsync(r => r.Id == refundId, ct);
        if (refund is null || !me.TenantIds.Contains(refund.InstitutionId)) return Outcome<Refund>.Fail("", "退费申请不存在。");
        if (refund.Status != RefundStatus.Requested) return Outcome<Refund>.Fail("", "该退费申请已处理。");
        var order = await db.Set<PaymentOrder>().FirstAsync(o => o.Id == refund.OrderId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Money paid offline (bank transfer, cash at the desk) never went through the gateway, which cannot refund it:
        // the institution pays it back the same way and the approval records how (required).
        var offline = order.Method == PaymentMethod.OfflineTransfer;
        note = (note ?? "").Trim();
        if (offline && note.Length == 0)
            return Outcome<Refund>.Fail("Note", "该订单为线下缴费，退款须由机构线下退回：请在备注中写明退回方式与凭证号。");
        if (note.Length > 500) return Outcome<Refund>.Fail("Note", "备注最多 500 字。");
        refund.Approve(me.RequiredUserId, note, now);
        string gatewayStatus;
        if (offline)
        {
            refund.Succeeded(now);
            gatewayStatus = "offline";
        }
        else
        {
            var reason = refund.Reason.Length > 80 ? refund.Reason[..80] : refund.Reason;
            var result = await gateway.RefundAsync(order.OrderNo, refund.OutRefundNo, refund.AmountFen, Math.Max(order.PaidFen, refund.AmountFen), reason, ct);
            if (!result.Succeeded)
            {
                refund.Failed($"{result.ErrorCode}: {result.ErrorMessage}");
                audit.Record("refund.gateway_failed", "order", order.OrderNo, new { refund = refund.OutRefundNo, result.ErrorCode }, order.InstitutionId);
                await db.SaveChangesAsync(ct);
                return Outcome<Refund>.Fail("", $"支付渠道拒绝退款：{result.ErrorMessage}（{result.ErrorCode}）。");
            }
            refund.GatewayAccepted(result.RefundId ?? "");
            if (result.Status == WeChatPayRefundStatuses.Success) refund.Succeeded(result.SuccessTime?.UtcDateTime ?? now);
            gatewayStatus = result.Status ?? "";
        }
        var closes = refund.Kind != RefundKind.DuplicatePayment;
        order.RecordRefund(refund.AmountFen, closes);
        // Only an enrollment-fee refund ends the enrollment; a makeup fee refund closes just its own order.
        var closesEnrollment = closes && order.Purpose == Public.PaymentPurpose.EnrollmentFees;
        if (closesEnrollment)
        {
            await enrollment.StageCancellationAsync(order.EnrollmentId, $"退费：{refund.Reason}", ct);
            await learning.StageCloseAsync(order.EnrollmentId, $"已退费（{refund.OutRefundNo}）", ct);
        }
        notifications.Stage(refund.LearnerId, "退费已受理", $"订单 {order.OrderNo} 退费 ¥{refund.AmountFen / 100m:#,##0.00}（{refund.Formula}）" +
            (offline ? $"由机构线下退回：{note}。" : "已提交支付渠道，将原路退回。") +
            (closesEnrollment ? "该项目的报名已撤销，课程访问已关闭。" : ""), $"/my/orders/{order.OrderNo}");
        audit.Record("refund.approved", "order", order.OrderNo,
            new { refund = refund.OutRefundNo, refund.AmountFen, gateway = gatewayStatus, closes, closesEnrollment, purpose = order.Purpose.ToString() }, order.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Refund>.Success(refund);
    }

    public async Task<Outcome<Refund>> RefuseAsync(Guid refundId, string note, CancellationToken ct)
    {
        var refund = await db.Set<Refund>().FirstOrDefaultAsync(r => r.Id == refundId, ct);
        if (refund is null || !me.TenantIds.Contains(refund.InstitutionId)) return Outcome<Refund>.Fail("", "退费申请不存在。");
        if (refund.Status != RefundStatus.Requested) return Outcome<Refund>.Fail("", "该退费申请已处理。");
        note = (note ?? "").Trim();
        if (note.Length is 0 or > 500) return Outcome<Refund>.Fail("Note", "不予退费须写明依据（500 字以内）。");
        refund.Refuse(me.RequiredUserId, note, clock.GetUtcNow().UtcDateTime);
        notifications.Stage(refund.LearnerId, "退费申请未获批准", $"订单 {refund.OrderNo}：{note}。如有异议可投诉。", $"/my/orders/{refund.OrderNo}");
        audit.Record("refund.refused", "order", refund.OrderNo, new { refund = refund.OutRefundNo, note }, refund.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<Refund>.Success(refund);
    }

    /// <summary>REFUND.* notifications from the gateway settle the refund's final state.</summary>
    public static async Task<string> SettleAsync(AppDbContext db, AuditLog audit, RefundResource r, DateTime nowUtc, CancellationToken ct)
    {
        var refund = await db.Set<Refund>().FirstOrDefaultAsync(x => x.OutRefundNo == r.OutRefundNo, ct);
        if (refund is null) return "refund:unknown";
        if (r.RefundStatus == WeChatPayRefundStatuses.Success) refund.Succeeded(r.SuccessTime?.UtcDateTime ?? nowUtc);
        else refund.Failed($"渠道状态 {r.RefundStatus}");
        audit.RecordAs(null, "wechatpay", "", refund.InstitutionId, "refund.settled", "order", refund.OrderNo, new { refund = refund.OutRefundNo, r.RefundStatus });
        await db.SaveChangesAsync(ct);
        return "refund:" + r.RefundStatus;
    }

    public static string NewRefundNo(DateTime nowUtc) => $"RF{nowUtc.AddHours(8):yyyyMMddHHmmss}{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";
}

using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Payments.Pay;

/// <summary>
/// Creates the order for an enrollment (PAY-01, PAY-02): mandatory fees always, optional fees only when the learner
/// ticked them; then asks the gateway for a Native-payment code_url. One open order per enrollment: a second request
/// returns the existing pending order.
/// </summary>
public sealed class CreateOrderHandler(AppDbContext db, IEnrollmentApi enrollment, IWeChatPayGateway gateway, AuditLog audit,
    CurrentUser me, TimeProvider clock)
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(2);

    public async Task<Outcome<PaymentOrder>> HandleAsync(Guid enrollmentId, IReadOnlyCollection<Guid> optionalFeeIds, CancellationToken ct)
    {
        var e = await enrollment.GetEnrollmentByIdAsync(enrollmentId, ct);
        if (e is null || e.LearnerId != me.UserId) return Outcome<PaymentOrder>.Fail("", "报名记录不存在。");
        if (!e.Live || !e.Submitted) return Outcome<PaymentOrder>.Fail("", "请先提交报名，再缴费。");
        var existing = await db.Set<PaymentOrder>().Include(o => o.Lines)
            .Where(o => o.EnrollmentId == enrollmentId && o.Purpose == Public.PaymentPurpose.EnrollmentFees
                && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Paid))
            .OrderByDescending(o => o.CreatedAtUtc).FirstOrDefaultAsync(ct);
        if (existing is not null) return Outcome<PaymentOrder>.Success(existing);

        var terms = await enrollment.GetTermsAsync(enrollmentId, ct);
        if (terms is null) return Outcome<PaymentOrder>.Fail("", "项目收费信息不存在。");
        var unknown = optionalFeeIds.Where(id => terms.Fees.All(f => f.Id != id || f.Mandatory)).ToList();
        if (unknown.Count > 0) return Outcome<PaymentOrder>.Fail("Fees", "所选收费项目不属于本项目公示的可选项目。");
        var chosen = terms.Fees.Where(f => f.Mandatory || optionalFeeIds.Contains(f.Id)).ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var order = PaymentOrder.Create(NewOrderNo(now), enrollmentId, e.LearnerId, e.ProjectId, e.TrainingInstitutionId,
            $"{terms.ProjectName} 报名费用", chosen.Select(f => (f.Id, f.Name, f.AmountFen, f.Payee)), now, Validity);
        var created = await gateway.CreateNativeOrderAsync(order.OrderNo, Describe(terms.ProjectName), order.TotalFen,
            new DateTimeOffset(order.ExpiresAtUtc, TimeSpan.Zero), ct);
        if (!created.Succeeded)
            return Outcome<PaymentOrder>.Fail("", $"支付渠道暂时无法下单（{created.ErrorCode}），请稍后重试。", "payments.gateway_error");
        order.AttachCodeUrl(created.CodeUrl!);
        db.Set<PaymentOrder>().Add(order);
        audit.Record("payment.order_created", "order", order.OrderNo,
            new { enrollmentId, total = order.TotalFen, lines = chosen.Select(c => new { c.Name, c.AmountFen }), sandbox = gateway.IsSandbox }, e.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<PaymentOrder>.Success(order);
    }

    /// <summary>TE + Beijing time to the second + 6 random digits: unique, sortable, within WeChat's 6–32 characters.</summary>
    public static string NewOrderNo(DateTime nowUtc) => $"TE{nowUtc.AddHours(8):yyyyMMddHHmmss}{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";

    private static string Describe(string projectName) => GatewayDescription($"报名费用-{projectName}");

    /// <summary>An order description cut to the gateway's 127-byte limit (with room to spare).</summary>
    internal static string GatewayDescription(string d)
    {
        while (System.Text.Encoding.UTF8.GetByteCount(d) > 120) d = d[..^1];
        return d;
    }
}

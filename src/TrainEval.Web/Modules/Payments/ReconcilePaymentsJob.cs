using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Payments.WeChatPay;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Jobs;

namespace TrainEval.Web.Modules.Payments;

/// <summary>
/// PAY-03: orders still pending some minutes after creation are queried at the gateway. A paid order found this way is
/// recorded through the same exactly-once path as a notification; an unpaid order past its expiry is closed. Nothing
/// here ever turns a paid order back to unpaid. Idempotent, safe to run on several nodes.
/// </summary>
public sealed class ReconcilePaymentsJob(AppDbContext db, IWeChatPayGateway gateway, PaymentProcessor processor, AuditLog audit,
    TimeProvider clock, ILogger<ReconcilePaymentsJob> log) : IRecurringJob
{
    public static readonly TimeSpan QueryAfter = TimeSpan.FromMinutes(5);

    public string Name => "payments-reconcile";
    public TimeSpan Interval => TimeSpan.FromMinutes(5);

    public async Task<(int Paid, int Closed, int Errors)> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var threshold = now - QueryAfter;
        var pending = await db.Set<PaymentOrder>().AsNoTracking()
            .Where(o => o.Status == OrderStatus.Pending && o.Method == PaymentMethod.WeChatNative && o.CreatedAtUtc < threshold)
            .OrderBy(o => o.CreatedAtUtc).Take(200).Select(o => new { o.Id, o.OrderNo, o.ExpiresAtUtc, o.InstitutionId }).ToListAsync(ct);
        int paid = 0, closed = 0, errors = 0;
        foreach (var o in pending)
        {
            try
            {
                var t = await gateway.QueryOrderAsync(o.OrderNo, ct);
                if (t is { IsPaid: true })
                {
                    if (await processor.RecordAsync(t, TransactionSource.Query, ct) == PaymentRecordResult.Paid) paid++;
                }
                else if (now > o.ExpiresAtUtc)
                {
                    if (t is not null) await gateway.CloseOrderAsync(o.OrderNo, ct);
                    var n = await db.Set<PaymentOrder>().Where(x => x.Id == o.Id && x.Status == OrderStatus.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OrderStatus.Closed), ct);
                    if (n == 1)
                    {
                        closed++;
                        audit.RecordAs(null, "reconciliation", "", o.InstitutionId, "payment.order_closed", "order", o.OrderNo, new { reason = "expired_unpaid" });
                        await db.SaveChangesAsync(ct);
                    }
                }
            }
            catch (WeChatPayException ex)
            {
                errors++;
                log.LogWarning("Reconciliation of {Order} failed: {Code}", o.OrderNo, ex.Code);
            }
        }
        return (paid, closed, errors);
    }

    public Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);
}

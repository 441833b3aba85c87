using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Payments;

internal sealed class PaymentsApi(AppDbContext db) : IPaymentsApi
{
    private IQueryable<PaymentOrder> EnrollmentOrders => db.Set<PaymentOrder>().AsNoTracking().Where(o => o.Purpose == PaymentPurpose.EnrollmentFees);

    public async Task<IReadOnlySet<Guid>> PaidEnrollmentsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken ct)
        => (await EnrollmentOrders
            .Where(o => enrollmentIds.Contains(o.EnrollmentId) && o.Status == OrderStatus.Paid)
            .Select(o => o.EnrollmentId).Distinct().ToListAsync(ct)).ToHashSet();

    public async Task<PaymentStatus> StatusAsync(Guid enrollmentId, CancellationToken ct)
    {
        var orders = await EnrollmentOrders.Where(o => o.EnrollmentId == enrollmentId).OrderByDescending(o => o.CreatedAtUtc).ToListAsync(ct);
        var paid = orders.FirstOrDefault(o => o.Status == OrderStatus.Paid);
        if (paid is not null) return new PaymentStatus(true, paid.PaidFen, paid.PaidAtUtc, paid.OrderNo, paid.TransactionId, PaymentOrder.StatusName(paid.Status));
        var latest = orders.FirstOrDefault();
        return new PaymentStatus(false, 0, null, latest?.OrderNo, null, latest is null ? "未下单" : PaymentOrder.StatusName(latest.Status));
    }
}

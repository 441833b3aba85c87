using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Payments.Refunds;
using TrainEval.Web.Platform.Archive;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Payments.Archive;

/// <summary>
/// ARC-01: the learner's orders (enrollment fees and makeup fees, each with its purpose and, for a makeup fee, the makeup
/// application it paid for) with their lines, the payments recorded against them (duplicates and offline ones included) and refunds.
/// </summary>
public sealed class PaymentsArchive(AppDbContext db) : IArchiveContributor
{
    public string Key => "payments";
    public string Title => "缴费与退费";
    public int Order => 20;

    public async Task<ArchiveSection> CollectAsync(ArchiveRequest request, CancellationToken ct)
    {
        var orders = await db.Set<PaymentOrder>().AsNoTracking().Include(o => o.Lines).Where(o => o.LearnerId == request.LearnerId).ToListAsync(ct);
        var refunds = await db.Set<Refund>().AsNoTracking().Where(r => r.LearnerId == request.LearnerId).ToListAsync(ct);
        if (request.InstitutionIds is { } ids)
        {
            orders = [.. orders.Where(o => ids.Contains(o.InstitutionId))];
            refunds = [.. refunds.Where(r => ids.Contains(r.InstitutionId))];
        }
        var orderIds = orders.Select(o => o.Id).ToList();
        var payments = await db.Set<PaymentTransaction>().AsNoTracking().Where(t => orderIds.Contains(t.OrderId)).ToListAsync(ct);

        var events = new List<ArchiveEvent>();
        var records = new List<ArchiveRecord>();
        foreach (var o in orders.OrderBy(o => o.CreatedAtUtc))
        {
            var fields = ArchiveFields.Of(o, nameof(PaymentOrder.CodeUrl));
            fields["Lines"] = o.Lines.Select(l => (object?)ArchiveFields.Of(l)).ToList();
            records.Add(new("payment_order", o.Id.ToString(), fields));
            events.Add(new(o.CreatedAtUtc, $"生成缴费订单（{PaymentOrder.PurposeName(o.Purpose)}）", $"{o.OrderNo} {o.Description} {Yuan(o.TotalFen)}"));
        }
        foreach (var t in payments.OrderBy(t => t.SucceededAtUtc))
        {
            records.Add(ArchiveFields.Record("payment_transaction", t.Id, t));
            var how = t.Source == TransactionSource.Offline ? "线下缴费确认" : "支付成功";
            events.Add(new(t.SucceededAtUtc, t.Duplicate ? how + "（重复支付）" : how, $"{t.OrderNo} {Yuan(t.AmountFen)}"));
        }
        foreach (var r in refunds.OrderBy(r => r.RequestedAtUtc))
        {
            records.Add(ArchiveFields.Record("payment_refund", r.Id, r));
            events.Add(new(r.RequestedAtUtc, "申请退费", $"{r.OrderNo} {Yuan(r.AmountFen)} {r.Reason}"));
            if (r.DecidedAtUtc is { } decided && r.Status == RefundStatus.Refused) events.Add(new(decided, "退费不予批准", r.DecisionNote));
            if (r.SucceededAtUtc is { } done) events.Add(new(done, "退费成功", $"{r.OrderNo} {Yuan(r.AmountFen)}"));
        }
        return new(events, records, []);
    }

    private static string Yuan(long fen) => "¥" + (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}

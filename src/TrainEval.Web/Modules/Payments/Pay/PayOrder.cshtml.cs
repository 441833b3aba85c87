using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Payments.Pay;

/// <summary>
/// Pays one of the learner's orders by its number — the page for orders that are not an enrollment's fees (the makeup fee,
/// MKP-01): the same QR code, sandbox payment and status query as the enrollment's order page, then the receipt.
/// </summary>
[Authorize(Policy = Permissions.Enrollment.Apply)]
public sealed class PayOrderModel(AppDbContext db, OrderPayment payment, CurrentUser me) : PageModel
{
    public PaymentOrder Order { get; private set; } = null!;
    public IReadOnlyList<Refunds.Refund> Refunds { get; private set; } = [];
    public string QrDataUri { get; private set; } = "";
    public bool IsSandbox => payment.IsSandbox;
    /// <summary>Where the learner came from (a local path only), for the way back.</summary>
    [BindProperty(SupportsGet = true)] public string? Back { get; set; }

    public async Task<IActionResult> OnGetAsync(string orderNo, CancellationToken ct)
    {
        if (!await LoadAsync(orderNo, ct)) return NotFound();
        if (Order.Purpose == Public.PaymentPurpose.EnrollmentFees) return Redirect($"/my/enrollments/{Order.EnrollmentId}/order");
        return Page();
    }

    public async Task<IActionResult> OnPostSimulateAsync(string orderNo, CancellationToken ct)
    {
        if (!await LoadAsync(orderNo, ct) || await payment.SimulateAsync(Order, ct) is not { } flash) return BadRequest();
        TempData["Flash"] = flash;
        return Redirect(Self);
    }

    public async Task<IActionResult> OnPostQueryAsync(string orderNo, CancellationToken ct)
    {
        if (!await LoadAsync(orderNo, ct)) return NotFound();
        TempData["Flash"] = await payment.QueryAsync(Order, ct);
        return Redirect(Self);
    }

    public string? BackUrl => Back is { Length: > 0 } b && Url.IsLocalUrl(b) ? b : null;

    private string Self => $"/my/orders/{Uri.EscapeDataString(Order.OrderNo)}/pay" + (BackUrl is { } b ? "?back=" + Uri.EscapeDataString(b) : "");

    private async Task<bool> LoadAsync(string orderNo, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.OrderNo == orderNo, ct);
        if (order is null || order.LearnerId != me.UserId) return false;
        Order = order;
        Refunds = await db.Set<Refunds.Refund>().AsNoTracking().Where(r => r.OrderId == order.Id).OrderBy(r => r.RequestedAtUtc).ToListAsync(ct);
        QrDataUri = OrderPayment.QrDataUri(order);
        return true;
    }
}

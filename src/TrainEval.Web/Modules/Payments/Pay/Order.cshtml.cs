using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Payments.Pay;

/// <summary>Choose fees, pay by scanning the Native-payment QR code (or the labelled sandbox button), see the result.</summary>
[Authorize(Policy = Permissions.Enrollment.Apply)]
public sealed class OrderModel(AppDbContext db, IEnrollmentApi enrollment, CreateOrderHandler create, OrderPayment payment,
    Refunds.RefundHandler refunds, CurrentUser me) : PageModel
{
    [BindProperty] public List<Guid> OptionalFees { get; set; } = [];
    [BindProperty] public string RefundReason { get; set; } = "";
    public Refunds.RefundHandler.Quote? RefundQuote { get; private set; }
    public IReadOnlyList<Refunds.Refund> RefundHistory { get; private set; } = [];
    public EnrollmentSummary Enrollment { get; private set; } = null!;
    public EnrollmentTerms Terms { get; private set; } = null!;
    public PaymentOrder? Order { get; private set; }
    public string QrDataUri { get; private set; } = "";
    public bool IsSandbox => payment.IsSandbox;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(Guid id, CancellationToken ct)
    {
        var outcome = await create.HandleAsync(id, OptionalFees, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        return Redirect($"/my/enrollments/{id}/order");
    }

    /// <summary>沙箱：the sandbox "pays" and sends a correctly signed, encrypted notification through the real verifier.</summary>
    public async Task<IActionResult> OnPostSimulateAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Order is null || await payment.SimulateAsync(Order, ct) is not { } flash) return BadRequest();
        TempData["Flash"] = flash;
        return Redirect($"/my/enrollments/{id}/order");
    }

    /// <summary>Asks the gateway for the order's state (the learner paid but the page has not updated yet, PAY-03).</summary>
    public async Task<IActionResult> OnPostQueryAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Order is null) return NotFound();
        TempData["Flash"] = await payment.QueryAsync(Order, ct);
        return Redirect($"/my/enrollments/{id}/order");
    }

    /// <summary>PAY-04: the learner applies for a refund; the amount comes from the published rule and finance approves it.</summary>
    public async Task<IActionResult> OnPostRefundAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Order is null) return NotFound();
        var outcome = await refunds.RequestAsync(Order.OrderNo, RefundReason, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Flash"] = $"退费申请已提交（预计退回 ¥{outcome.Value!.AmountFen / 100m:#,##0.00}），财务审批后原路退回。";
        return Redirect($"/my/enrollments/{id}/order");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var e = await enrollment.GetEnrollmentByIdAsync(id, ct);
        if (e is null || e.LearnerId != me.UserId) return false;
        var terms = await enrollment.GetTermsAsync(id, ct);
        if (terms is null) return false;
        Enrollment = e;
        Terms = terms;
        Order = await db.Set<PaymentOrder>().AsNoTracking().Include(o => o.Lines)
            .Where(o => o.EnrollmentId == id && o.Purpose == Public.PaymentPurpose.EnrollmentFees)
            .OrderByDescending(o => o.Status == OrderStatus.Paid).ThenByDescending(o => o.CreatedAtUtc).FirstOrDefaultAsync(ct);
        if (Order is not null)
        {
            var orderId = Order.Id;
            RefundHistory = await db.Set<Refunds.Refund>().AsNoTracking().Where(r => r.OrderId == orderId).OrderBy(r => r.RequestedAtUtc).ToListAsync(ct);
            if (Order.Status == OrderStatus.Paid) RefundQuote = await refunds.QuoteAsync(Order, institutionFault: false, ct);
        }
        if (Order is not null) QrDataUri = OrderPayment.QrDataUri(Order);
        return true;
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Payments.Receipt;

/// <summary>PAY-02: the payment confirmation / receipt — payer, project, items, amount, time, order and transaction numbers, payee, next steps.</summary>
[Authorize]
public sealed class ReceiptModel(AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    public PaymentOrder Order { get; private set; } = null!;
    public LearnerProfile Payer { get; private set; } = null!;
    public string ProjectName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string orderNo, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.OrderNo == orderNo, ct);
        if (order is null) return NotFound();
        var staff = me.Has(Permissions.Payments.Confirm) && me.TenantIds.Contains(order.InstitutionId);
        if (order.LearnerId != me.UserId && !staff) return NotFound();
        Order = order;
        Payer = (await accounts.GetProfileAsync(order.LearnerId, ct))!;
        ProjectName = (await enrollment.GetProjectAsync(order.ProjectId, ct))?.Name ?? "";
        return Page();
    }
}

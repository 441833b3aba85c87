using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Payments.Receipt;

/// <summary>PAY-02: the payment confirmation / receipt — payer, project, items, amount, time, order and transaction numbers, payee, next steps.</summary>
[Authorize]
public sealed class ReceiptModel(AppDbContext db, IAccountsApi accounts, IEnrollmentApi enrollment, CurrentUser me,
    TimeProvider time, IConfiguration configuration) : PageModel
{
    public const string NextSteps = "培训机构将在公示时限内审核您的报名材料；审核通过后课程自动开通，结果以站内消息通知。如对收费有异议，可通过服务公示中的投诉渠道反映。";
    public const string MakeupNextSteps = "评价机构将审核您的补考申请，批准后安排补考场次并以站内消息通知；补考前须重新完成身份核验并签署考试承诺书。申请未获批准或撤回的，补考费全额退回。如对收费有异议，可通过服务公示中的投诉渠道反映。";

    public string NextStepsText => Order.Purpose == Public.PaymentPurpose.MakeupFee ? MakeupNextSteps : NextSteps;
    public string PurposeName => PaymentOrder.PurposeName(Order.Purpose);
    public string InstitutionLabel => Order.Purpose == Public.PaymentPurpose.MakeupFee ? "评价机构" : "培训机构";

    public PaymentOrder Order { get; private set; } = null!;
    public LearnerProfile Payer { get; private set; } = null!;
    public string ProjectName { get; private set; } = "";
    public string InstitutionName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string orderNo, CancellationToken ct) =>
        await LoadAsync(orderNo, ct) ? Page() : NotFound();

    /// <summary>The same receipt as a printable A4 PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string orderNo, CancellationToken ct)
    {
        if (!await LoadAsync(orderNo, ct)) return NotFound();
        CjkFontResolver.EnsureRegistered(configuration);
        var bytes = ReceiptPdf.Build(ToReceiptData(time.GetUtcNow().UtcDateTime));
        return File(bytes, "application/pdf", $"缴费凭证-{Order.OrderNo}.pdf");
    }

    public static string MethodName(PaymentMethod method) => method == PaymentMethod.WeChatNative ? "微信支付（扫码）" : "线下缴费（财务确认）";

    public long AmountFen => Order.PaidFen > 0 ? Order.PaidFen : Order.TotalFen;

    private async Task<bool> LoadAsync(string orderNo, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.OrderNo == orderNo, ct);
        if (order is null) return false;
        var staff = me.Has(Permissions.Payments.Confirm) && me.TenantIds.Contains(order.InstitutionId);
        if (order.LearnerId != me.UserId && !staff) return false;
        Order = order;
        Payer = (await accounts.GetProfileAsync(order.LearnerId, ct))!;
        ProjectName = (await enrollment.GetProjectAsync(order.ProjectId, ct))?.Name ?? "";
        InstitutionName = (await accounts.GetInstitutionAsync(order.InstitutionId, ct))?.Name ?? "";
        return true;
    }

    private ReceiptData ToReceiptData(DateTime nowUtc)
    {
        var o = Order;
        var notice = o.Status switch
        {
            OrderStatus.Paid => null,
            OrderStatus.Pending => "本订单尚未支付成功，本文件仅供核对订单信息，不作为缴费凭证。",
            OrderStatus.Closed => "本订单已关闭，未发生扣款，本文件不作为缴费凭证。",
            OrderStatus.Refunding => "本订单正在办理退款，退款完成后本凭证失效。",
            OrderStatus.Refunded => $"本订单已退款（退款金额 ¥{ReceiptPdf.Yuan(o.RefundedFen)}），本凭证已失效。",
            _ => null,
        };
        var url = Url.Page("/Payments/Receipt/Receipt", pageHandler: null, values: new { orderNo = o.OrderNo }, protocol: Request.Scheme)
            ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}/my/orders/{Uri.EscapeDataString(o.OrderNo)}";
        return new ReceiptData(
            o.OrderNo, PaymentOrder.StatusName(o.Status), Payer.RealName, Payer.IdNumberMasked, ProjectName, InstitutionName,
            [.. o.Lines.Select(l => new ReceiptLine(l.Name, l.AmountFen, l.Payee))], AmountFen, MethodName(o.Method), o.PaidAtUtc,
            o.TransactionId, NextStepsText, url, nowUtc, notice, PurposeName, InstitutionLabel);
    }
}

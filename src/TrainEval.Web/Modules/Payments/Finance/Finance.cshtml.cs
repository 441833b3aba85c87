using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Payments.Refunds;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Payments.Finance;

[Authorize(Policy = Permissions.Payments.Confirm)]
[RequestSizeLimit(8 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 8 * 1024 * 1024)]
public sealed class FinanceModel(FinanceHandler finance, RefundHandler refunds) : PageModel
{
    public FinanceOverview Data { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [BindProperty] public Guid RefundId { get; set; }
    [BindProperty] public string Note { get; set; } = "";
    [BindProperty] public string OrderNo { get; set; } = "";
    [BindProperty] public string TransactionId { get; set; } = "";
    [BindProperty] public string BankReference { get; set; } = "";
    [BindProperty] public decimal Amount { get; set; }
    [BindProperty] public string Payer { get; set; } = "";
    [BindProperty] public IFormFile? Attachment { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Data = await finance.OverviewAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => Run(async () => Errs(await refunds.ApproveAsync(RefundId, Note, ct)), "已批准退费并提交支付渠道。", ct);
    public Task<IActionResult> OnPostRefuseAsync(CancellationToken ct) => Run(async () => Errs(await refunds.RefuseAsync(RefundId, Note, ct)), "已记录不予退费的决定。", ct);
    public Task<IActionResult> OnPostRefundDuplicateAsync(CancellationToken ct)
        => Run(async () => Errs(await refunds.RaiseAsync(OrderNo, RefundKind.DuplicatePayment, TransactionId, "重复支付退款", ct)), "已退回重复支付。", ct);

    public Task<IActionResult> OnPostTransferAsync(CancellationToken ct) => Run(async () =>
    {
        byte[]? bytes = null;
        if (Attachment is { Length: > 0 })
        {
            using var ms = new MemoryStream();
            await Attachment.CopyToAsync(ms, ct);
            bytes = ms.ToArray();
        }
        return Errs(await finance.ConfirmTransferAsync(OrderNo, BankReference, Amount, Payer, bytes, ct));
    }, "已确认线下转账，订单已标记为已支付。", ct);

    private static IReadOnlyDictionary<string, string> Errs<T>(Platform.Web.Outcome<T> o) => o.Errors;

    private async Task<IActionResult> Run(Func<Task<IReadOnlyDictionary<string, string>>> action, string success, CancellationToken ct)
    {
        var errors = await action();
        if (errors.Count == 0)
        {
            TempData["Flash"] = success;
            return RedirectToPage();
        }
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Data = await finance.OverviewAsync(ct);
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Retention.Manage;

/// <summary>
/// The retention policy table and disposal batches (ARC-02): propose now, approve, confirm by a second administrator,
/// or reject with a reason. Completed batches stay listed as the disposal record.
/// </summary>
[Authorize(Policy = Permissions.Retention.Manage)]
public sealed class RetentionModel(RetentionService service, AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty] public Guid DisposalId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<RetentionRule> Rules { get; private set; } = [];
    public IReadOnlyList<DisposalRecord> Disposals { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public DateTime NowUtc { get; private set; }
    public Guid MeId => me.RequiredUserId;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken ct)
    {
        var made = await service.ProposeAsync(me.RequiredUserId, me.DisplayName, ct);
        TempData["Flash"] = made == 0 ? "没有到期且未在处置流程中的记录。" : $"已生成 {made} 个处置批次，待另一名管理员批准。";
        return Redirect("/workbench/retention");
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
        => ActAsync(service.ApproveAsync(DisposalId, me.RequiredUserId, me.DisplayName, ct), "已批准，须由另一名管理员确认后执行处置。", ct);

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
        => ActAsync(service.ConfirmAsync(DisposalId, me.RequiredUserId, me.DisplayName, ct), "已确认并执行处置，处置记录已保存。", ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct)
        => ActAsync(service.RejectAsync(DisposalId, me.RequiredUserId, me.DisplayName, Reason ?? "", ct), "已记录不予处置。", ct);

    private async Task<IActionResult> ActAsync(Task<string?> action, string done, CancellationToken ct)
    {
        var error = await action;
        if (error is null)
        {
            TempData["Flash"] = done;
            return Redirect("/workbench/retention");
        }
        Errors = new Dictionary<string, string> { [""] = error };
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Rules = service.Rules;
        Disposals = await db.Set<DisposalRecord>().AsNoTracking().OrderByDescending(d => d.ProposedAtUtc).Take(200).ToListAsync(ct);
    }

    public static string Status(DisposalStatus s) => s switch
    {
        DisposalStatus.Proposed => "待批准", DisposalStatus.Approved => "已批准，待确认", DisposalStatus.Disposed => "已处置", _ => "不予处置",
    };

    public static string China(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

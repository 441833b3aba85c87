using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Records;

/// <summary>One signed commitment: text hashes, signer, device, IP, page-operation log, chain of re-signatures; revoke or require re-sign.</summary>
[Authorize(Policy = Permissions.Commitments.ViewRecords)]
public sealed class RecordDetailModel(RecordsHandler handler) : PageModel
{
    public RecordDetail Detail { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [BindProperty] public string Reason { get; set; } = "";
    [BindProperty] public string Basis { get; set; } = "";
    [BindProperty] public string NextStep { get; set; } = "";
    [BindProperty] public string ResignReason { get; set; } = "";
    [BindProperty] public string Note { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var d = await handler.DetailAsync(id, ct);
        if (d is null) return NotFound();
        Detail = d;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
        => Done(id, await handler.RevokeAsync(id, Reason, Basis, NextStep, ct), "已撤销，并已通知学员。") ?? await FailedAsync(id, ct);

    public async Task<IActionResult> OnPostResignAsync(Guid id, CancellationToken ct)
        => Done(id, await handler.RequestResignAsync(id, ResignReason, Note, ct), "已要求学员重新签署，并已通知学员。") ?? await FailedAsync(id, ct);

    private IActionResult? Done(Guid id, Platform.Web.Outcome<CommitmentRecord> outcome, string flash)
    {
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            return null;
        }
        TempData["Flash"] = flash;
        return Redirect($"/workbench/commitments/records/{id}");
    }

    private async Task<IActionResult> FailedAsync(Guid id, CancellationToken ct)
    {
        var d = await handler.DetailAsync(id, ct);
        if (d is null) return NotFound();
        Detail = d;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

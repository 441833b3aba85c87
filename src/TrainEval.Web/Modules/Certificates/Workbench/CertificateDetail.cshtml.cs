using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Certificates.Workbench;

/// <summary>Staff: one certificate with its events and corrections; correct, revoke, print, send, hand over (BAT-09).</summary>
[Authorize(Policy = Permissions.Certificates.Read)]
public sealed class CertificateDetailModel(CertificateScope scope, CertificateActions actions, AppDbContext db, CertificateDocuments documents, CurrentUser me)
    : PageModel
{
    [BindProperty] public string? Field { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Carrier { get; set; }
    [BindProperty] public string? TrackingNo { get; set; }
    [BindProperty] public string? Note { get; set; }

    public Certificate C { get; private set; } = null!;
    public IReadOnlyList<CertificateEvent> Events { get; private set; } = [];
    public IReadOnlyList<CertificateCorrection> Corrections { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Related { get; private set; } = new Dictionary<Guid, string>();
    public string VerifyUrl { get; private set; } = "";
    public bool CanAct => C.IsLive && scope.ActsFor(C.EvaluationInstitutionId);
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct)
        => ActAsync(id, () => actions.CorrectAsync(id, Field, Value, Reason, ct), c => c.Id == id ? "已更正并留痕。" : $"已换发更正后的新证书 {c.Number}，原证书已标记为换发，请收回原纸质证书。", ct);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
        => ActAsync(id, () => actions.RevokeAsync(id, Reason, ct), _ => "证书已撤销，公开查验页将显示撤销日期与原因。", ct);

    public Task<IActionResult> OnPostPrintAsync(Guid id, CancellationToken ct) => ActAsync(id, () => actions.PrintAsync(id, ct), _ => "已登记打印。", ct);

    public Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct)
        => ActAsync(id, () => actions.SendAsync(id, Carrier, TrackingNo, ct), _ => "已登记邮寄。", ct);

    public Task<IActionResult> OnPostHandOverAsync(Guid id, CancellationToken ct)
        => ActAsync(id, () => actions.HandOverAsync(id, Note, ct), _ => "已登记当面发放。", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<Outcome<Certificate>>> act, Func<Certificate, string> flash, CancellationToken ct)
    {
        if (!me.Has(Permissions.Certificates.Issue)) return Forbid();
        var outcome = await act();
        if (outcome.Ok)
        {
            TempData["Flash"] = flash(outcome.Value!);
            return Redirect($"/workbench/certificates/{outcome.Value!.Id}");
        }
        if (outcome.Code == CertificateErrors.OutOfScope && !await scope.Certificates().AnyAsync(c => c.Id == id, ct)) return NotFound();
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var c = await scope.Certificates().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return false;
        C = c;
        Events = await db.Set<CertificateEvent>().AsNoTracking().Where(e => e.CertificateId == id).OrderBy(e => e.Id).ToListAsync(ct);
        Corrections = [.. (await db.Set<CertificateCorrection>().AsNoTracking().Where(e => e.CertificateId == id).ToListAsync(ct)).OrderBy(e => e.AtUtc)];
        var related = new[] { c.ReplacesId, c.ReplacedById }.OfType<Guid>().ToList();
        Related = await db.Set<Certificate>().AsNoTracking().Where(x => related.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Number, ct);
        VerifyUrl = documents.VerifyUrl(c);
        return true;
    }
}

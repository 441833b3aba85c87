using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates.MyCertificates;

/// <summary>CRT-02: the learner's certificates (any status), the PDF, delivery progress and confirmation of receipt.</summary>
[Authorize(Policy = Permissions.Certificates.ViewOwn)]
public sealed class MyCertificatesModel(AppDbContext db, CertificateActions actions, CurrentUser me) : PageModel
{
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Numbers { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostReceiveAsync(Guid id, CancellationToken ct)
    {
        var outcome = await actions.ConfirmReceiptAsync(id, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "已确认签收纸质证书。";
            return Redirect("/my/certificates");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        Certificates = [.. (await db.Set<Certificate>().AsNoTracking().Where(c => c.LearnerId == learnerId).ToListAsync(ct))
            .OrderBy(c => c.Status).ThenByDescending(c => c.IssuedAtUtc)];
        Numbers = Certificates.ToDictionary(c => c.Id, c => c.Number);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates.MyCertificates;

/// <summary>The learner's own live certificate as a PDF (CRT-02).</summary>
[Authorize(Policy = Permissions.Certificates.ViewOwn)]
public sealed class MyCertificatePdfModel(AppDbContext db, CertificateDocuments documents, CurrentUser me) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var learnerId = me.RequiredUserId;
        var c = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.LearnerId == learnerId, ct);
        if (c is null || !c.IsLive) return NotFound();
        return File(documents.Pdf(c), "application/pdf", CertificateDocuments.FileName(c));
    }
}

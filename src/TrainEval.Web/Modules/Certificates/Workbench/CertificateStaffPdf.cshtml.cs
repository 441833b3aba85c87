using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Certificates.Workbench;

/// <summary>Staff download of a certificate's PDF (for printing); revoked and replaced ones carry a notice. Audited.</summary>
[Authorize(Policy = Permissions.Certificates.Read)]
public sealed class CertificateStaffPdfModel(CertificateScope scope, CertificateDocuments documents, AuditLog audit, AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var c = await scope.Certificates().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        audit.Record("certificate.pdf_downloaded", "certificate", c.Id.ToString(), new { c.Number }, c.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        return File(documents.Pdf(c), "application/pdf", CertificateDocuments.FileName(c));
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Files;

namespace TrainEval.Web.Modules.Violations.ReviewViolations;

/// <summary>An evidence file, for staff who may see the record; every download is an audit entry; served as an attachment with its checked type.</summary>
[Authorize(Policy = Permissions.Violations.View)]
public sealed class EvidenceFileModel(ViolationScope scope, AppDbContext db, IFileStore files, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid evidenceId, CancellationToken ct)
    {
        var v = await scope.Violations().FirstOrDefaultAsync(x => x.Id == id, ct);
        var e = v is null ? null : await db.Set<ViolationEvidence>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == evidenceId && x.ViolationId == id, ct);
        if (v is null || e is null) return NotFound();
        var stream = await files.OpenAsync(e.FileKey, ct);
        if (stream is null) return NotFound();
        audit.Record("violation.evidence_downloaded", "learner", v.LearnerId.ToString(), new { violation = v.Id, evidence = e.Id, e.Sha256 }, v.EvaluationInstitutionId);
        await db.SaveChangesAsync(ct);
        Response.Headers.CacheControl = "no-store";
        return File(stream, e.ContentType, e.FileName);
    }
}

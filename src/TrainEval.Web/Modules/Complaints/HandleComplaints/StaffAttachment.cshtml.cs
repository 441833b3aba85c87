using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Complaints.HandleComplaints;

/// <summary>A complaint attachment for staff who may see the complaint; every download is an audit entry.</summary>
[Authorize(Policy = Permissions.Complaints.View)]
public sealed class StaffAttachmentModel(ComplaintScope scope, ComplainantHandler files, AppDbContext db, AuditLog audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        var c = await scope.Visible().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || await files.OpenAttachmentAsync(id, fileId, ct) is not { } file) return NotFound();
        audit.Record("complaint.attachment_downloaded", "complaint", c.Id.ToString(), new { c.Number, attachment = file.File.Id, file.File.Sha256 }, c.InstitutionId);
        await db.SaveChangesAsync(ct);
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.File.ContentType, file.File.FileName);
    }
}

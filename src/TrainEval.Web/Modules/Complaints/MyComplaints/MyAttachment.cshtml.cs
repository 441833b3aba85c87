using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Complaints.MyComplaints;

/// <summary>An attachment of the learner's own complaint, served as a download with its checked type.</summary>
[Authorize(Policy = Permissions.Complaints.File)]
public sealed class MyAttachmentModel(ComplainantHandler handler, AppDbContext db, CurrentUser me) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        var me_ = me.RequiredUserId;
        if (!await db.Set<Complaint>().AnyAsync(c => c.Id == id && c.ComplainantUserId == me_, ct)) return NotFound();
        if (await handler.OpenAttachmentAsync(id, fileId, ct) is not { } file) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.File.ContentType, file.File.FileName);
    }
}

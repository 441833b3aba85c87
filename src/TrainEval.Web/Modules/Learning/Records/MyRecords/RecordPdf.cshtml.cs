using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Learning.Completion;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Pdf;

namespace TrainEval.Web.Modules.Learning.Records.MyRecords;

/// <summary>LRN-07: the printable learning record (PDF) — served only when the completion rule is met; otherwise 409 and what is missing.</summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class RecordPdfModel(LearningRecordPrint print, CurrentUser me, TimeProvider clock, IConfiguration configuration) : PageModel
{
    public Guid ProjectId { get; private set; }
    public CompletionResult? Completion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        CjkFontResolver.EnsureRegistered(configuration);
        var url = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/my/courses/{projectId}/records";
        var result = await print.PrintAsync(me.RequiredUserId, projectId, url, clock.GetUtcNow().UtcDateTime, ct);
        if (!result.Found) return NotFound();
        if (result.Pdf is { } pdf) return File(pdf, "application/pdf", result.FileName);
        ProjectId = projectId;
        Completion = result.Completion;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Archive.Pages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Archive.StaffArchive;

/// <summary>ARC-01: a learner's archive for staff (their institutions' records) and regulators (all); 404 for a learner they have nothing of.</summary>
[Authorize(Policy = Permissions.Archive.Read)]
public sealed class LearnerArchiveModel(ArchivePages pages) : PageModel
{
    public ArchiveView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid learnerId, CancellationToken ct)
    {
        var view = await pages.StaffAsync(learnerId, ct);
        if (view is null) return NotFound();
        View = view;
        return Page();
    }

    /// <param name="reveal">Export full ID numbers; honoured only with the reveal permission, and audited.</param>
    public async Task<IActionResult> OnPostExportAsync(Guid learnerId, bool reveal, CancellationToken ct)
    {
        var export = await pages.ExportStaffAsync(learnerId, reveal, ct);
        return export is null ? NotFound() : File(export.Zip, "application/zip", export.FileName);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Archive.Pages;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Archive.MyArchive;

/// <summary>ARC-01: the learner's own archive, every institution, ID number masked; the export is audited.</summary>
[Authorize(Policy = Permissions.Archive.ReadOwn)]
public sealed class MyArchiveModel(ArchivePages pages) : PageModel
{
    public ArchiveView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await pages.OwnAsync(ct);

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        var export = await pages.ExportOwnAsync(ct);
        return File(export.Zip, "application/zip", export.FileName);
    }
}

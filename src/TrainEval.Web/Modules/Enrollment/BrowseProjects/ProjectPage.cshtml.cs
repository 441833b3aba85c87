using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Enrollment.BrowseProjects;

/// <summary>The public project page (ENR-02): everything a person must know before enrolling, from the current published version.</summary>
public sealed class ProjectPageModel(ProjectCatalog catalog, AppDbContext db, TimeProvider clock) : PageModel
{
    public ProjectDetail Project { get; private set; } = null!;
    public ProjectVersion? Rules { get; private set; }
    public bool Open { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var detail = await catalog.DetailAsync(code, ct);
        if (detail is null) return NotFound();
        Project = detail;
        var versionId = await db.Set<Project>().Where(p => p.Id == detail.Id).Select(p => p.CurrentVersionId).FirstAsync(ct);
        Rules = versionId is null ? null : await db.Set<ProjectVersion>().AsNoTracking().Include(v => v.Fees).Include(v => v.Materials)
            .FirstAsync(v => v.Id == versionId, ct);
        Open = Rules?.IsOpenForEnrollment(clock.GetUtcNow().UtcDateTime) == true;
        return Page();
    }
}

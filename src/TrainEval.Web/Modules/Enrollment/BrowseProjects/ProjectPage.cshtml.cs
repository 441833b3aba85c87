using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrainEval.Web.Modules.Enrollment.BrowseProjects;

public sealed class ProjectPageModel(ProjectCatalog catalog) : PageModel
{
    public ProjectDetail Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var detail = await catalog.DetailAsync(code, ct);
        if (detail is null) return NotFound();
        Project = detail;
        return Page();
    }
}

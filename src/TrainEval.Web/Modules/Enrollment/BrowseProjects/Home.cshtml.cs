using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TrainEval.Web.Modules.Enrollment.BrowseProjects;

public sealed class HomeModel(ProjectCatalog catalog) : PageModel
{
    public IReadOnlyList<ProjectListItem> Projects { get; private set; } = [];
    public async Task OnGetAsync(CancellationToken ct) => Projects = await catalog.PublishedAsync(ct);
}

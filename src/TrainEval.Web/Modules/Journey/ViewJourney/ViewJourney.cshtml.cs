using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Journey.ViewJourney;

[Authorize(Policy = Permissions.Journey.ViewOwn)]
public sealed class ViewJourneyModel(JourneyGates gates, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    public ProjectSummary Project { get; private set; } = null!;
    public IReadOnlyList<JourneyStep> Steps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null) return NotFound();
        Project = project;
        Steps = await gates.ForAsync(me.RequiredUserId, projectId, ct);
        return Page();
    }
}

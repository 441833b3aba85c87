using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.MyCourse;

/// <summary>
/// ACT-01: the opened course as the learner sees it — course name, modules, start date, validity, progress rules,
/// practice entry and support contact. Only with an open activation (ACT-02: refunds and cancellations close it).
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
public sealed class MyCourseModel(ILearningApi learning, IEnrollmentApi enrollment, IAccountsApi accounts, CurrentUser me) : PageModel
{
    public ActivationInfo Activation { get; private set; } = null!;
    public ProjectSummary Project { get; private set; } = null!;
    public EnrollmentTerms Terms { get; private set; } = null!;
    public IReadOnlyList<CourseModuleItem> Modules { get; private set; } = [];
    public InstitutionInfo? Institution { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var activation = await learning.GetActivationAsync(me.RequiredUserId, projectId, ct);
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null) return NotFound();
        if (activation is null) return Redirect($"/my/projects/{projectId}");
        var terms = await enrollment.GetTermsAsync(activation.EnrollmentId, ct);
        if (terms is null) return NotFound();
        Activation = activation;
        Project = project;
        Terms = terms;
        Modules = await enrollment.GetModulesAsync(projectId, ct);
        Institution = await accounts.GetInstitutionAsync(project.TrainingInstitutionId, ct);
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Learning.Content;
using TrainEval.Web.Modules.Learning.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.MyCourse;

/// <summary>
/// ACT-01, LRN-01, LRN-02: the opened course as the learner sees it — course name, validity, progress, the outline of
/// sections and units (done / to do / locked and why, with the link for each kind), rules, practice and support.
/// Only with an activation (ACT-02: refunds and cancellations close it, and the outline then says so).
/// </summary>
[Authorize(Policy = Permissions.Learning.Learn)]
internal sealed class MyCourseModel(ILearningApi learning, IEnrollmentApi enrollment, IAccountsApi accounts, CourseCatalog catalog, CurrentUser me,
    Completion.CompletionEvaluator completion) : PageModel
{
    public ActivationInfo Activation { get; private set; } = null!;
    public ProjectSummary Project { get; private set; } = null!;
    public EnrollmentTerms Terms { get; private set; } = null!;
    /// <summary>The project's published modules, shown while the course has no content yet.</summary>
    public IReadOnlyList<CourseModuleItem> Modules { get; private set; } = [];
    public CourseOutline? Outline { get; private set; }
    /// <summary>The published completion rule evaluated for this learner (LRN-09).</summary>
    public Completion.CompletionResult? Completion { get; private set; }
    public InstitutionInfo? Institution { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var activation = await learning.GetActivationAsync(me.RequiredUserId, projectId, ct);
        var project = await enrollment.GetProjectAsync(projectId, ct);
        if (project is null) return NotFound();
        if (activation is null) return Redirect($"/my/projects/{projectId}");
        // An activation normally comes from an enrollment; one opened otherwise (e.g. migrated) shows no frozen terms.
        var terms = await enrollment.GetTermsAsync(activation.EnrollmentId, ct)
            ?? new EnrollmentTerms(Guid.Empty, 0, project.Name, [], 0, 0, 0, "");
        Activation = activation;
        Project = project;
        Terms = terms;
        Outline = await catalog.GetOutlineAsync(me.RequiredUserId, projectId, ct);
        if (Outline is not null) Completion = await completion.EvaluateAsync(me.RequiredUserId, Outline.Course.Id, ct);
        if (Outline is null || !Outline.Sections.Any(s => s.Units.Count > 0)) Modules = await enrollment.GetModulesAsync(projectId, ct);
        Institution = await accounts.GetInstitutionAsync(project.TrainingInstitutionId, ct);
        return Page();
    }

    /// <summary>Where a unit opens, or null when it is not a link (locked, or no access left for it).</summary>
    public string? LinkOf(OutlineUnit item)
    {
        if (Outline is null || item.Locked) return null;
        if (!Outline.Access.Open && !Outline.Access.ReplayOpen) return null;
        var u = item.Unit;
        return u.Kind switch
        {
            UnitKind.Video => $"/my/learn/{u.Id}",
            UnitKind.Live => $"/my/courses/{Project.Id}/live/{u.Id}",
            UnitKind.Document => $"/my/courses/{Project.Id}/documents/{u.Id}",
            UnitKind.SelfTest => $"/my/courses/{Project.Id}/selftests/{u.Id}",
            _ => null,
        };
    }
}

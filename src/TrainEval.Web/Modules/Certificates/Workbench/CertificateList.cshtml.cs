using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Certificates.Workbench;

/// <summary>Staff: learners of a project with their eligibility (journey gate), single and batch issue, and a certificate search (BAT-09).</summary>
[Authorize(Policy = Permissions.Certificates.Read)]
public sealed class CertificateListModel(CertificateScope scope, CertificateIssuer issuer, IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    public const int MaxLearners = 300;

    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public Guid? LearnerId { get; set; }

    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public ProjectSummary? Project { get; private set; }
    public IReadOnlyList<Eligibility> Learners { get; private set; } = [];
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];
    public bool CanIssue => Project is not null && scope.ActsFor(Project.EvaluationInstitutionId);
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (!me.Has(Permissions.Certificates.Issue)) return Forbid();
        if (ProjectId is not { } project || LearnerId is not { } learner) return await FailAsync(new Dictionary<string, string> { [""] = "请选择项目和学员。" }, ct);
        var outcome = await issuer.IssueAsync(project, [learner], ct);
        if (!outcome.Ok) return await FailAsync(outcome.Errors, ct);
        TempData["Flash"] = $"已核发证书 {outcome.Value![0].Number}。";
        return Redirect($"/workbench/certificates/{outcome.Value[0].Id}");
    }

    public async Task<IActionResult> OnPostIssueAllAsync(CancellationToken ct)
    {
        if (!me.Has(Permissions.Certificates.Issue)) return Forbid();
        if (ProjectId is not { } projectId || await enrollment.GetProjectAsync(projectId, ct) is not { } project || !scope.ActsFor(project.EvaluationInstitutionId))
            return await FailAsync(new Dictionary<string, string> { [""] = "只有该项目评价机构的证书管理人员可以核发证书。" }, ct);
        var eligible = (await issuer.EligibilityAsync(project, MaxLearners, ct)).Where(e => e.Eligible).Select(e => e.LearnerId).ToList();
        var outcome = await issuer.IssueAsync(projectId, eligible, ct);
        if (!outcome.Ok) return await FailAsync(outcome.Errors, ct);
        TempData["Flash"] = $"已为 {outcome.Value!.Count} 名符合条件的学员核发证书。";
        return Redirect($"/workbench/certificates?ProjectId={projectId}");
    }

    private async Task<IActionResult> FailAsync(IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects = await scope.ProjectsAsync(ct);
        Project = ProjectId is { } pid ? Projects.FirstOrDefault(p => p.Id == pid) : null;
        if (Project is not null && CanIssue) Learners = await issuer.EligibilityAsync(Project, MaxLearners, ct);
        var q = scope.Certificates();
        if (ProjectId is { } p) q = q.Where(c => c.ProjectId == p);
        var text = (Q ?? "").Trim();
        if (text.Length > 0)
        {
            var upper = text.ToUpperInvariant();
            q = q.Where(c => c.Number == upper || c.HolderName.Contains(text));
        }
        Certificates = [.. (await q.OrderByDescending(c => c.IssuedAtUtc).Take(100).ToListAsync(ct))];
    }
}

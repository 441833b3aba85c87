using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Enrollment.ManageProjects;

/// <summary>The institution's projects and the form that creates one with its first draft of rules (ENR-02, BAT-10).</summary>
[Authorize(Policy = Permissions.Enrollment.ManageProjects)]
public sealed class ProjectsModel(ManageProjectsHandler handler) : PageModel
{
    [BindProperty] public CreateProjectInput Input { get; set; } = new();
    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];
    public IReadOnlyList<InstitutionInfo> TrainingInstitutions { get; private set; } = [];
    public IReadOnlyList<InstitutionInfo> EvaluationInstitutions { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Level = 4;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await handler.CreateAsync(Input, ct);
        if (!outcome.Ok)
        {
            Errors = outcome.Errors;
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Flash"] = $"已创建项目“{outcome.Value!.Name}”及第 1 版规则草稿。请完善规则、收费明细和报名材料后发布。";
        return Redirect($"/workbench/projects/{outcome.Value.Id}");
    }

    public bool HasError(string field) => Errors.ContainsKey(field);

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects = await handler.ListAsync(ct);
        TrainingInstitutions = await handler.TrainingInstitutionsAsync(ct);
        EvaluationInstitutions = await handler.EvaluationInstitutionsAsync(ct);
    }
}

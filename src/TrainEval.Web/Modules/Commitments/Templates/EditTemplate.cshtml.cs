using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Commitments.Templates;

/// <summary>
/// LC-01 / EC-01: edit a draft — text, which paragraph covers each required item, the "key matters changed" flag —
/// and publish it after the check; published versions are shown read-only with their hash.
/// </summary>
[Authorize(Policy = Permissions.Commitments.ViewRecords)]
public sealed class EditTemplateModel(TemplatesHandler handler) : PageModel
{
    public CommitmentTemplate Template { get; private set; } = null!;
    public ProjectSummary Project { get; private set; } = null!;
    public IReadOnlyList<CommitmentTemplate> Versions { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<RequiredItem> Items => TemplateRules.ItemsFor(Template.Kind);

    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";
    [BindProperty] public Dictionary<string, int> Cover { get; set; } = [];
    [BindProperty] public bool RequireResign { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Title = Template.Title;
        Body = Template.Body;
        Cover = TemplateRules.ParseCoverage(Template.CoverageJson).ToDictionary();
        RequireResign = Template.RequireResign;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct) => SaveAsync(id, publish: false, ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) => SaveAsync(id, publish: true, ct);

    private async Task<IActionResult> SaveAsync(Guid id, bool publish, CancellationToken ct)
    {
        var outcome = await handler.SaveAsync(id, Title, Body, Cover, RequireResign, publish, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = publish ? $"第 {outcome.Value!.Version} 版已发布。" : "草稿已保存。";
            return Redirect($"/workbench/commitments/templates/{id}");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await handler.FindAsync(id, track: false, ct);
        if (found is null) return false;
        (Template, Project) = found.Value;
        Versions = await handler.VersionsAsync(Template, ct);
        return true;
    }
}

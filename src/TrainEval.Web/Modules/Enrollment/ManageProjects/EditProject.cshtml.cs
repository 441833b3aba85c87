using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Enrollment.ManageProjects;

/// <summary>
/// One project: edit the draft version's rules, fees and materials, preview and publish it, start the next version,
/// and see the version history. Each form posts the version it was rendered for; the handler refuses non-drafts.
/// </summary>
[Authorize(Policy = Permissions.Enrollment.ManageProjects)]
public sealed class EditProjectModel(ManageProjectsHandler handler) : PageModel
{
    [BindProperty] public Guid VersionId { get; set; }
    [BindProperty] public RulesInput Rules { get; set; } = new();
    // No defaults on bound inputs: a field left out of the post must not keep a default (e.g. an unticked checkbox).
    [BindProperty] public FeeInput Fee { get; set; } = new();
    [BindProperty] public MaterialInput Material { get; set; } = new();
    [BindProperty] public Guid ItemId { get; set; }

    public ProjectWorkspace Workspace { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    /// <summary>Which form the errors belong to ("rules", "fee", "material", "publish", …), to show them next to it.</summary>
    public string ErrorsFor { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, failedForm: "", ct);

    public Task<IActionResult> OnPostRulesAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "rules", ct => handler.UpdateRulesAsync(id, VersionId, Rules, ct), "规则已保存（草稿）。", "#rules", ct, "Rules");

    public Task<IActionResult> OnPostAddFeeAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "fee", ct => handler.AddFeeAsync(id, VersionId, Fee, ct), "已添加收费项目。", "#fees", ct, "Fee");

    public Task<IActionResult> OnPostRemoveFeeAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "fee-remove", ct => handler.RemoveFeeAsync(id, VersionId, ItemId, ct), "已删除收费项目。", "#fees", ct);

    public Task<IActionResult> OnPostAddMaterialAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "material", ct => handler.AddMaterialAsync(id, VersionId, Material, ct), "已添加报名材料要求。", "#materials", ct, "Material");

    public Task<IActionResult> OnPostRemoveMaterialAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "material-remove", ct => handler.RemoveMaterialAsync(id, VersionId, ItemId, ct), "已删除报名材料要求。", "#materials", ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "publish", ct => handler.PublishAsync(id, VersionId, ct), "已发布。新报名将适用本版规则，已报名学员继续适用其报名时的版本。", "", ct);

    public Task<IActionResult> OnPostNewVersionAsync(Guid id, CancellationToken ct)
        => RunAsync(id, "version", ct => handler.DraftNextVersionAsync(id, ct), "已基于当前版本创建新版本草稿；发布前，现行版本继续有效。", "#rules", ct);

    private static readonly Dictionary<string, string> Labels = new()
    {
        ["MinAge"] = "最低年龄", ["MaxAge"] = "最高年龄", ["RefundPercentAfterActivation"] = "开课后退费比例", ["LearningValidityDays"] = "学习有效期",
        ["ReplayValidityDays"] = "回看有效期", ["ReviewTimeLimitHours"] = "审核时限", ["Kind"] = "收费类别", ["MaxSizeKb"] = "文件大小上限",
    };

    public bool HasError(string form, string field) => ErrorsFor == form && Errors.ContainsKey(field);

    /// <summary>The errors to show next to a section, when the failed form belongs to it.</summary>
    public IReadOnlyDictionary<string, string> ErrorsOf(params string[] forms)
        => forms.Contains(ErrorsFor) ? Errors : new Dictionary<string, string>();

    private async Task<IActionResult> RunAsync<T>(Guid id, string form, Func<CancellationToken, Task<Outcome<T>>> action, string flash, string anchor,
        CancellationToken ct, string? boundPrefix = null)
    {
        // A value the binder could not read (e.g. letters in a number field) is reported, never silently dropped.
        var unreadable = boundPrefix is null ? [] : ModelState
            .Where(kv => kv.Key.StartsWith(boundPrefix + ".", StringComparison.Ordinal) && kv.Value is { Errors.Count: > 0, AttemptedValue.Length: > 0 })
            .ToDictionary(kv => kv.Key[(boundPrefix.Length + 1)..],
                kv => $"{Labels.GetValueOrDefault(kv.Key[(boundPrefix.Length + 1)..], "填写的内容")}：“{kv.Value!.AttemptedValue}”不是有效的取值，请重新填写。");
        var outcome = unreadable.Count > 0 ? null : await action(ct);
        if (outcome is { Ok: true })
        {
            TempData["Flash"] = flash;
            return Redirect($"/workbench/projects/{id}{anchor}");
        }
        Errors = outcome?.Errors ?? unreadable;
        ErrorsFor = form;
        if (outcome?.Code == ManageProjectsErrors.NotFound && await handler.WorkspaceAsync(id, ct) is null) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(id, form, ct);
    }

    /// <summary>Renders the page; the form that failed keeps what was posted, the others show stored values or defaults.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, string failedForm, CancellationToken ct)
    {
        var workspace = await handler.WorkspaceAsync(id, ct);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        if (failedForm != "rules" && workspace.Draft is { } draft) Rules = RulesInput.From(draft);
        if (failedForm != "fee") Fee = new() { Kind = FeeKind.Training, Mandatory = true, Payee = workspace.TrainingInstitution };
        if (failedForm != "material") Material = new() { MaxSizeKb = 2048, Required = true, Formats = ["jpg", "png", "pdf"] };
        return Page();
    }
}

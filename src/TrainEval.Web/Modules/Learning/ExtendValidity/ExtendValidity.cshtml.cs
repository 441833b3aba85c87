using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Learning.ExtendValidity;

[Authorize(Policy = Permissions.Learning.ExtendValidity)]
public sealed class ExtendValidityModel(ExtendValidityHandler handler, IAccountsApi accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Learner { get; set; } = "";
    [BindProperty] public Guid ActivationId { get; set; }
    [BindProperty] public DateOnly? NewEnd { get; set; }
    [BindProperty] public string Reason { get; set; } = "";
    public IReadOnlyList<(LearnerIdentity Who, IReadOnlyList<ActivationRow> Rows)> Results { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await SearchAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = NewEnd is { } end
            ? await handler.ExtendAsync(ActivationId, end, Reason, ct)
            : Platform.Web.Outcome<ActivationExtension>.Fail("NewEnd", "请选择新的学习截止日期。");
        if (outcome.Ok)
        {
            TempData["Flash"] = "已延长学习有效期，并已通知学员。";
            return Redirect($"/workbench/learning/validity?Learner={Uri.EscapeDataString(Learner)}");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await SearchAsync(ct);
        return Page();
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        Learner = (Learner ?? "").Trim();
        if (Learner.Length is 0 or > 40) return;
        var ids = await accounts.FindLearnerIdsAsync(Learner, 20, ct);
        if (ids.Count == 0) return;
        var who = await accounts.GetLearnerIdentitiesAsync(ids, reveal: false, "learning.validity", ct);
        var rows = await handler.ListAsync(ids, ct);
        Results = [.. ids.Where(who.ContainsKey).Select(id => (who[id], (IReadOnlyList<ActivationRow>)[.. rows.Where(r => r.Activation.LearnerId == id)]))
            .Where(r => r.Item2.Count > 0)];
    }
}

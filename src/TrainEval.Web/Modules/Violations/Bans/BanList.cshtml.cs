using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Violations.Bans;

/// <summary>Bans imposed by the institution's confirmed violations (VIO-02); admins may lift one early with a reason.</summary>
[Authorize(Policy = Permissions.Violations.View)]
public sealed class BanListModel(LiftBanHandler handler, IAccountsApi accounts, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty] public Guid BanId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<BanRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<Guid, LearnerIdentity> Learners { get; private set; } = new Dictionary<Guid, LearnerIdentity>();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public DateTime NowUtc { get; private set; }
    public bool CanLift => me.Has(Permissions.Violations.LiftBans);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostLiftAsync(CancellationToken ct)
    {
        var outcome = await handler.LiftAsync(BanId, Reason, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "已提前解除禁考，理由已记录并通知学员。";
            return Redirect("/workbench/violations/bans?All=true");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Rows = await handler.ListAsync(All, ct);
        Learners = await accounts.GetLearnerIdentitiesAsync([.. Rows.Select(r => r.Ban.LearnerId).Distinct()], reveal: false, "violations.bans", ct);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;

namespace TrainEval.Web.Modules.Violations.ReviewViolations;

/// <summary>One record: facts, evidence (each download audited), the correction chain, the ban, and confirm / dismiss (four-eyes).</summary>
[Authorize(Policy = Permissions.Violations.View)]
public sealed class ViolationDetailModel(DecideViolationHandler handler, ViolationScope scope, AppDbContext db, IAccountsApi accounts,
    IEnrollmentApi enrollment, CurrentUser me) : PageModel
{
    [BindProperty] public string? Note { get; set; }
    public ViolationRow Row { get; private set; } = null!;
    public IReadOnlyList<ViolationEvidence> Evidence { get; private set; } = [];
    public IReadOnlyList<Violation> Corrections { get; private set; } = [];
    public Ban? Ban { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public Violation V => Row.Violation;
    public bool CanDecide => me.Has(Permissions.Violations.Decide) && scope.ActsFor(V.EvaluationInstitutionId) && V.State == ViolationState.Recorded;
    public bool IsRecorder => V.RecordedById == me.UserId;
    public bool CanCorrect => me.Has(Permissions.Violations.Record) && scope.ActsFor(V.EvaluationInstitutionId)
        && V.State is ViolationState.Recorded or ViolationState.Dismissed;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
        => DecideAsync(id, () => handler.ConfirmAsync(id, Note, ct), "已确认违纪处理：成绩作废、禁考登记与学员通知已完成。", ct);

    public Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken ct)
        => DecideAsync(id, () => handler.DismissAsync(id, Note, ct), "已不予认定，理由已记录。", ct);

    private async Task<IActionResult> DecideAsync(Guid id, Func<Task<Platform.Web.Outcome<Violation>>> decide, string flash, CancellationToken ct)
    {
        if (!me.Has(Permissions.Violations.Decide)) return Forbid();
        var outcome = await decide();
        if (outcome.Ok)
        {
            TempData["Flash"] = flash;
            return Redirect($"/workbench/violations/{id}");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var v = await scope.Violations().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null) return false;
        Row = (await ViolationListModel.RowsAsync([v], accounts, enrollment, ct))[0];
        Evidence = await db.Set<ViolationEvidence>().AsNoTracking().Where(e => e.ViolationId == id).OrderBy(e => e.UploadedAtUtc).ToListAsync(ct);
        Corrections = await scope.Violations().Where(x => x.CorrectsId == id || x.Id == v.CorrectsId).ToListAsync(ct);
        Ban = v.BanId is { } banId ? await db.Set<Ban>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == banId, ct) : null;
        return true;
    }
}

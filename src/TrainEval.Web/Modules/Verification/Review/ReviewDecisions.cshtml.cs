using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Verification.Review;

/// <summary>
/// The manual review queue (IDV-04): decisions the rules flagged (spoof suspicion, repeated failures, many devices,
/// mismatch). The reviewer sees the reference photo and the frames (each view audited) and decides with a reason; the
/// original decision stays as it was, the review is recorded next to it.
/// </summary>
[Authorize(Policy = Permissions.Identity.Review)]
public sealed class ReviewDecisionsModel(StaffScope scope, AppDbContext db, AuditLog audit, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty] public Guid DecisionId { get; set; }
    [BindProperty] public string Verdict { get; set; } = "";
    [BindProperty] public string Reason { get; set; } = "";
    public IReadOnlyList<DecisionRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await DecideAsync(ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "复核结论已记录，原核验结果保留。";
            return Redirect("/workbench/identity/reviews");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<Outcome<IdentityReview>> DecideAsync(CancellationToken ct)
    {
        var verdict = Verdict switch { "uphold" => ReviewVerdict.Upheld, "pass" => ReviewVerdict.OverturnedToPass, "fail" => ReviewVerdict.OverturnedToFail, _ => (ReviewVerdict?)null };
        if (verdict is null) return Outcome<IdentityReview>.Fail(nameof(Verdict), "请选择复核结论。");
        var reason = (Reason ?? "").Trim();
        if (reason.Length < 4 || reason.Length > 1000) return Outcome<IdentityReview>.Fail(nameof(Reason), "请填写复核理由（4–1000 字）。");
        if (!await scope.Decisions().AnyAsync(d => d.Id == DecisionId, ct)) return Outcome<IdentityReview>.Fail("", "核验记录不存在或不属于本机构。");
        var decision = await db.Set<IdentityDecision>().FirstAsync(d => d.Id == DecisionId, ct);
        if (decision.Review != ReviewState.Queued) return Outcome<IdentityReview>.Fail("", "该记录不在待复核队列中（可能已被他人复核）。");
        if (verdict == ReviewVerdict.OverturnedToPass && decision.Outcome == CheckOutcome.Pass || verdict == ReviewVerdict.OverturnedToFail && decision.Outcome == CheckOutcome.Fail)
            return Outcome<IdentityReview>.Fail(nameof(Verdict), "改判结论与原结果相同，请选择“维持原结果”。");
        decision.MarkReviewed();
        var review = IdentityReview.Record(decision.Id, verdict.Value, reason, me.RequiredUserId, me.DisplayName, clock.GetUtcNow().UtcDateTime);
        db.Set<IdentityReview>().Add(review);
        audit.Record("idv.reviewed", "idv-decision", decision.Id.ToString(), new { verdict = verdict.ToString(), reason, original = decision.Outcome.ToString(), learner = decision.LearnerId },
            decision.InstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<IdentityReview>.Success(review);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = scope.Decisions().Where(d => All ? d.Review != ReviewState.None : d.Review == ReviewState.Queued);
        Rows = await scope.RowsAsync(await q.OrderByDescending(d => d.AtUtc).Take(100).ToListAsync(ct), "idv.review", ct);
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Platform.Audit;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Data;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Verification.Manual;

public sealed record ManualCandidate(LearnerIdentity Learner, IdentityStatus Status, EnrollmentSummary Enrollment);

/// <summary>
/// The alternative path (2025 face-recognition rules): staff check the learner's ID document against the person on
/// site or in a video call and record it with their own name. A pass establishes identity without face processing.
/// </summary>
[Authorize(Policy = Permissions.Identity.VerifyManually)]
public sealed class ManualVerificationModel(FaceIdentity identity, IAccountsApi accounts, IEnrollmentApi enrollment, AppDbContext db, AuditLog audit,
    CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public Guid LearnerId { get; set; }
    [BindProperty] public string Method { get; set; } = "";
    [BindProperty] public bool DocumentChecked { get; set; }
    [BindProperty] public string Result { get; set; } = "";
    [BindProperty] public string Note { get; set; } = "";
    public IReadOnlyList<ManualCandidate> Candidates { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await RecordAsync(ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = outcome.Value!.Outcome == CheckOutcome.Pass ? "人工核验通过，已记录核验人。" : "人工核验不通过，已记录。";
            return Redirect("/workbench/identity/manual?q=" + Uri.EscapeDataString(Q ?? ""));
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<Outcome<IdentityDecision>> RecordAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var reason = Method switch { "onsite" => ReasonLabels.ManualOnSite, "video" => ReasonLabels.ManualVideoCall, _ => null };
        if (reason is null) errors[nameof(Method)] = "请选择核验方式（现场或视频通话）。";
        if (Result is not ("pass" or "fail")) errors[nameof(Result)] = "请选择核验结果。";
        if (Result == "pass" && !DocumentChecked) errors[nameof(DocumentChecked)] = "通过前须核对身份证件原件与本人一致。";
        var note = (Note ?? "").Trim();
        if (note.Length < 4 || note.Length > 1000) errors[nameof(Note)] = "请填写核验说明（4–1000 字，如核对的证件类型、视频通话时间）。";
        var live = await enrollment.ListLiveEnrollmentsAsync(LearnerId, me.TenantIds, ct);
        if (live.Count == 0) errors[""] = "该学员在本机构没有有效报名，不能由本机构核验。";
        if (errors.Count > 0) return Outcome<IdentityDecision>.Fail(errors);
        var e = live[0];
        var decision = IdentityDecision.Manual(LearnerId, e.ProjectId, e.TrainingInstitutionId, CheckContext.AlternativePath, "manual",
            Result == "pass" ? CheckOutcome.Pass : CheckOutcome.Fail, Result == "pass" ? reason! : ReasonLabels.ManualRefused, me.DisplayName,
            note, me.Ip, me.UserAgent, clock.GetUtcNow().UtcDateTime);
        db.Set<IdentityDecision>().Add(decision);
        audit.Record("idv.manual." + Result, "learner", LearnerId.ToString(), new { decision = decision.Id, method = Method, documentChecked = DocumentChecked, note },
            e.TrainingInstitutionId);
        await db.SaveChangesAsync(ct);
        return Outcome<IdentityDecision>.Success(decision);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q)) return;
        var ids = await accounts.FindLearnerIdsAsync(Q, 20, ct);
        var learners = await accounts.GetLearnerIdentitiesAsync(ids, false, "idv.manual", ct);
        var list = new List<ManualCandidate>();
        foreach (var id in ids)
        {
            var live = await enrollment.ListLiveEnrollmentsAsync(id, me.TenantIds, ct);
            if (live.Count == 0 || !learners.TryGetValue(id, out var l)) continue;
            list.Add(new ManualCandidate(l, await identity.StatusAsync(id, ct), live[0]));
        }
        Candidates = list;
    }
}

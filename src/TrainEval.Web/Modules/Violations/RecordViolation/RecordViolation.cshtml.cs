using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Public;
using TrainEval.Web.Platform.Auth;

namespace TrainEval.Web.Modules.Violations.RecordViolation;

/// <summary>
/// Record a violation: find the learner (name, account, phone or ID number) among the institution's evaluated projects,
/// then the act, tier, sitting, facts and evidence. <c>?Corrects=</c> starts a correction of an undecided or dismissed record.
/// </summary>
[Authorize(Policy = Permissions.Violations.Record)]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class RecordViolationModel(RecordViolationHandler handler, ViolationScope scope, IAccountsApi accounts) : PageModel
{
    public const long MaxRequestBytes = RecordViolationHandler.MaxEvidenceFiles * (RecordViolationHandler.MaxEvidenceKb * 1024L) + 1024 * 1024;

    [BindProperty(SupportsGet = true)] public string Q { get; set; } = "";
    [BindProperty(SupportsGet = true)] public Guid? LearnerId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ProjectId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? SittingId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Corrects { get; set; }
    [BindProperty] public string ActCode { get; set; } = "";
    [BindProperty] public string? Tier { get; set; }
    [BindProperty] public string? RaiseReason { get; set; }
    [BindProperty] public string? Facts { get; set; }
    [BindProperty] public DateTime? OccurredAt { get; set; }
    [BindProperty] public List<IFormFile> Evidence { get; set; } = [];

    public IReadOnlyList<LearnerMatch> Matches { get; private set; } = [];
    public LearnerIdentity? Learner { get; private set; }
    public ProjectSummary? Project { get; private set; }
    public IReadOnlyList<SittingInfo> Sittings { get; private set; } = [];
    public Violation? Corrected { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Corrects is { } cid)
        {
            Corrected = await scope.Violations().FirstOrDefaultAsync(v => v.Id == cid, ct);
            if (Corrected is null || !scope.ActsFor(Corrected.EvaluationInstitutionId)) return NotFound();
            LearnerId = Corrected.LearnerId;
            ProjectId = Corrected.ProjectId;
            SittingId = Corrected.SittingId;
            ActCode = Corrected.ActCode;
            Tier = Corrected.Tier.ToString();
            RaiseReason = Corrected.TierRaiseReason;
            Facts = Corrected.Facts;
            OccurredAt = BanPeriods.ToChina(Corrected.OccurredAtUtc);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var uploads = new List<EvidenceUpload>();
        foreach (var f in Evidence.Where(f => f.Length > 0))
        {
            using var buffer = new MemoryStream();
            await f.CopyToAsync(buffer, ct);
            uploads.Add(new EvidenceUpload(f.FileName, buffer.ToArray()));
        }
        var outcome = await handler.RecordAsync(new RecordInput(LearnerId ?? Guid.Empty, ProjectId ?? Guid.Empty, SittingId, ActCode, Tier, RaiseReason,
            Facts, OccurredAt, Corrects), uploads, ct);
        if (outcome.Ok)
        {
            TempData["Flash"] = "违纪记录已保存，须由另一名工作人员确认后生效。";
            return Redirect($"/workbench/violations/{outcome.Value!.Id}");
        }
        Errors = outcome.Errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        if (Corrects is { } cid) Corrected = await scope.Violations().FirstOrDefaultAsync(v => v.Id == cid, ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (LearnerId is { } lid && ProjectId is { } pid && await handler.ProjectInScopeAsync(lid, pid, ct) is { } project)
        {
            Project = project;
            Learner = (await accounts.GetLearnerIdentitiesAsync([lid], reveal: false, "violations.record", ct)).GetValueOrDefault(lid);
            Sittings = await handler.SittingsAsync(lid, pid, ct);
            return;
        }
        Matches = await handler.FindLearnersAsync(Q, ct);
    }
}

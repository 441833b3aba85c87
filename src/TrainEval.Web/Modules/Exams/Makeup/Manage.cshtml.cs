using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrainEval.Web.Modules.Accounts.Public;
using TrainEval.Web.Modules.Enrollment.Public;
using TrainEval.Web.Modules.Exams.Sittings;
using TrainEval.Web.Modules.Payments.Public;
using TrainEval.Web.Platform.Auth;
using TrainEval.Web.Platform.Web;

namespace TrainEval.Web.Modules.Exams.Makeup;

/// <summary>Evaluation-institution staff: publish makeup rules per project (versioned), approve or refuse makeup applications (MKP-01).</summary>
[Authorize(Policy = Permissions.Exams.ManageBatches)]
public sealed class ManageModel(MakeupDesk desk, IAccountsApi accounts) : PageModel
{
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];
    public ILookup<Guid, MakeupRules> Versions { get; private set; } = Array.Empty<MakeupRules>().ToLookup(r => r.ProjectId);
    public IReadOnlyList<MakeupApplication> Applications { get; private set; } = [];
    public IReadOnlyList<Sitting> MakeupSittings { get; private set; } = [];
    public IReadOnlyDictionary<Guid, LearnerIdentity> People { get; private set; } = new Dictionary<Guid, LearnerIdentity>();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    [TempData] public string? Flash { get; set; }
    [BindProperty] public RulesForm Rules { get; set; } = new();
    [BindProperty] public Guid ApplicationId { get; set; }
    [BindProperty] public Guid SittingId { get; set; }
    [BindProperty] public string? OfflineReference { get; set; }
    [BindProperty] public string? OfflineNote { get; set; }
    public IReadOnlyDictionary<Guid, PaymentStatus> Fees { get; private set; } = new Dictionary<Guid, PaymentStatus>();
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public sealed class RulesForm
    {
        public Guid ProjectId { get; set; }
        // Unticked boxes post nothing, so the defaults are false; the empty form starts with every case ticked.
        public bool AllowFailed { get; set; }
        public bool AllowAbsent { get; set; }
        public bool AllowPlatformInterruption { get; set; }
        public int MaxMakeups { get; set; } = 1;
        public int WindowDays { get; set; } = 30;
        public string Fee { get; set; } = "0";
        public string? Payee { get; set; }
        public string? Notes { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rules = new RulesForm { AllowFailed = true, AllowAbsent = true, AllowPlatformInterruption = true };
        await LoadAsync(ct);
        // A new version usually changes one thing: start from the current version of the first project, not from blank.
        if (Projects.Count > 0 && Versions[Projects[0].Id].FirstOrDefault(v => v.SupersededAtUtc is null) is { } current)
            Rules = new RulesForm
            {
                ProjectId = current.ProjectId, AllowFailed = current.AllowFailed, AllowAbsent = current.AllowAbsent,
                AllowPlatformInterruption = current.AllowPlatformInterruption, MaxMakeups = current.MaxMakeups, WindowDays = current.WindowDays,
                Fee = (current.FeeFen / 100m).ToString("0.##", CultureInfo.InvariantCulture), Payee = current.Payee, Notes = current.Notes,
            };
    }

    public async Task<IActionResult> OnPostRulesAsync(CancellationToken ct)
    {
        if (!decimal.TryParse(Rules.Fee, NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) || decimal.Round(yuan, 2) != yuan)
            return await FailAsync(new Dictionary<string, string> { ["Fee"] = "补考费请填写金额（元，最多两位小数）" }, ct);
        var outcome = await desk.PublishRulesAsync(Rules.ProjectId, new MakeupRulesInput(Rules.AllowFailed, Rules.AllowAbsent, Rules.AllowPlatformInterruption,
            Rules.MaxMakeups, Rules.WindowDays, (long)(yuan * 100), Rules.Payee ?? "", Rules.Notes ?? ""), ct);
        return await DoneAsync(outcome.Ok ? null : outcome.Errors, $"已发布第 {outcome.Value} 版补考规则，原版本保留备查。", ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        var outcome = await desk.ApproveAsync(ApplicationId, SittingId, Note ?? "", ct);
        return await DoneAsync(outcome.Ok ? null : outcome.Errors, "已批准并将学员加入补考场次，已通知学员。", ct);
    }

    /// <summary>Finance staff (payments.confirm) record a makeup fee paid at the counter or by transfer.</summary>
    public async Task<IActionResult> OnPostOfflineFeeAsync(CancellationToken ct)
    {
        var outcome = await desk.ConfirmOfflineFeeAsync(ApplicationId, OfflineReference ?? "", OfflineNote ?? "", ct);
        return await DoneAsync(outcome.Ok ? null : outcome.Errors, $"已确认线下缴费（订单 {outcome.Value?.OrderNo}），可以批准该申请。", ct);
    }

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken ct)
    {
        var outcome = await desk.RefuseAsync(ApplicationId, Reason ?? "", ct);
        return await DoneAsync(outcome.Ok ? null : outcome.Errors, "已记录不予批准的理由并通知学员。", ct);
    }

    private async Task<IActionResult> DoneAsync(IReadOnlyDictionary<string, string>? errors, string message, CancellationToken ct)
    {
        if (errors is not null) return await FailAsync(errors, ct);
        Flash = message;
        return Redirect("/workbench/exams/makeup");
    }

    private async Task<IActionResult> FailAsync(IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        Errors = errors;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects = await desk.ProjectsAsync(ct);
        Versions = (await desk.RuleVersionsAsync([.. Projects.Select(p => p.Id)], ct)).ToLookup(r => r.ProjectId);
        Applications = await desk.ApplicationsAsync(ct);
        Fees = await desk.FeesAsync(Applications, ct);
        MakeupSittings = await desk.OpenMakeupSittingsAsync(ct);
        People = await accounts.GetLearnerIdentitiesAsync([.. Applications.Select(a => a.LearnerId).Distinct()], reveal: false, "exams.makeup", ct);
    }

    public string NameOf(Guid learnerId) => People.TryGetValue(learnerId, out var p) ? $"{p.RealName}（{p.IdNumber}）" : learnerId.ToString();
    public string ProjectName(Guid projectId) => Projects.FirstOrDefault(p => p.Id == projectId)?.Name ?? "";
}
